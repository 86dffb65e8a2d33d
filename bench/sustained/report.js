// Prints a sustained run's results as markdown: a summary per relay and load, then the per-window table.
// Usage: node report.js [results dir]   (reads sustained.json, and sustained-machine.json when there)
import { order, resultsIn, table } from '../lib/markdown.js';

const dir = process.argv[2] ?? new URL('../results', import.meta.url).pathname;
const read = resultsIn(dir);
// A p99 of null: that window delivered nothing.
const ms = (v) => (v === null || v === undefined ? 'none' : v);
const relay = (r) => (r.transport === 'websocket' ? r.target : `${r.target} ${r.transport}`);
const gc = (count, pause) => (count === null || count === undefined ? 'n/a' : `${count} / ${pause} ms`);

const machine = read('sustained-machine.json');
if (machine) {
  console.log(`Machine: ${machine.cpus} cores (${machine.cpu_model}), ${machine.memory_gib} GiB, Node ${machine.node}, .NET ${machine.dotnet}; `
    + `load average before ${machine.load_before?.join(' / ')}, after ${machine.load_after?.join(' / ') ?? '-'}.\n`);
}

const rows = read('sustained.json');
if (!rows?.length) {
  console.log(`No sustained results in ${dir}.`);
  process.exit(0);
}
const sorted = [...rows].sort((a, b) => a.size - b.size || a.rate - b.rate || order(a) - order(b));
const { rooms, participants, seconds, window_s: windowS } = sorted[0];
const rounds = Math.max(...rows.map((r) => r.rounds));

console.log(`### Sustained load: ${rooms} rooms x ${participants}, ${seconds} s from the end of the joins, ${windowS}-s windows, ${rounds} round${rounds > 1 ? 's' : ''}\n`);
console.log('Worst window: the highest p99 of any window of any round (at: its round and start). Median window: the median p99 of all '
  + 'those windows. lost: sum over the rounds. RSS: highest at a window\'s end; CPU: median window; GC: collections / total pause '
  + 'per run (.NET: dotnet-counters System.Runtime; Node: perf_hooks), each the median over the rounds.\n');
console.log(table(
  ['relay', 'size B', 'rate/s', 'worst-window p99 ms', 'at', 'median-window p99 ms', 'max ms', 'sent', 'lost', 'RSS MB', 'server CPU %', 'generator CPU %', 'GC per run'],
  sorted.map((r) => [relay(r), r.size, r.rate, ms(r.worst_window.p99_ms), `round ${r.worst_window.round ?? 1}, ${r.worst_window.from_s} s`,
    ms(r.median_window_p99_ms), r.max_ms, r.sent, r.lost, r.per_run.rss_max_mb, r.per_run.server_cpu_pct, r.per_run.generator_cpu_pct,
    gc(r.per_run.gc_count, r.per_run.gc_pause_ms)]),
));
console.log();

console.log(`#### Per ${windowS}-s window${rounds > 1 ? ', medians over the rounds (p99 range: lowest–highest round; max: highest round; counts summed)' : ''}\n`);
const loads = [...new Set(sorted.map((r) => `${r.size}|${r.rate}`))];
for (const load of loads) {
  const [size, rate] = load.split('|');
  console.log(`${size} B at ${rate}/s:\n`);
  console.log(table(
    ['relay', 'from s', 'p50 ms', 'p99 ms', ...(rounds > 1 ? ['p99 range ms'] : []), 'max ms', 'sent', 'delivered', 'lost',
      'RSS MB', 'server CPU %', 'GC count / pause'],
    sorted.filter((r) => `${r.size}|${r.rate}` === load).flatMap((r) => r.windows.map((w) => [
      relay(r), w.from_s, ms(w.p50_ms), ms(w.p99_ms), ...(rounds > 1 ? [w.p99_ms_range.map(ms).join('–')] : []), ms(w.max_ms),
      w.sent, w.delivered, w.lost, w.rss_mb, w.server_cpu_pct, gc(w.gc_count, w.gc_pause_ms)])),
  ));
  console.log();
}
