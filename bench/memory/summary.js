// One line per run of settings.sh: the server's highest and last RSS, the worst and median window p99,
// ('none': a window delivered nothing), the median window's server CPU, the GC count and pause, and the load average before and after.
// Usage: node summary.js DIR
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const dir = process.argv[2];
const ms = (x) => (Number.isFinite(x) ? x : 'none');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
console.log('| run | sent | lost | RSS max MB | RSS end MB | worst-window p99 ms | median-window p99 ms | server CPU % | GC count / pause ms | load average before → after |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const run of readdirSync(dir).filter((d) => existsSync(`${dir}/${d}/sustained-runs.json`)).sort()) {
  const machine = JSON.parse(readFileSync(`${dir}/${run}/sustained-machine.json`, 'utf8'));
  for (const r of JSON.parse(readFileSync(`${dir}/${run}/sustained-runs.json`, 'utf8'))) {
    const w = r.windows;
    const p99 = w.map((x) => x.p99_ms ?? Infinity);
    const gc = w.reduce((s, x) => [s[0] + (x.gc_count ?? 0), s[1] + (x.gc_pause_ms ?? 0)], [0, 0]);
    console.log(`| ${run} | ${r.sent} | ${r.lost} | ${Math.max(...w.map((x) => x.rss_mb))} | ${w.at(-1).rss_mb} | `
      + `${ms(Math.max(...p99))} | ${ms(median(p99))} | ${median(w.map((x) => x.server_cpu_pct))} | ${gc[0]} / ${Math.round(gc[1])} | `
      + `${machine.load_before?.[0]} → ${machine.load_after?.[0]} |`);
  }
}
