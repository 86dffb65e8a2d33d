// Folds sustained runs (one row per round, target, transport, size and rate, each with its windows)
// into one row per target, transport, size and rate:
//   - worst_window: the window with the highest p99 over every window of every round (a window that
//     delivered nothing ranks worst), with its round and start;
//   - median_window_p99_ms: the median p99 over those same windows;
//   - sent, delivered, lost, stale, errors: sums over the rounds, so 0 lost means none in any round;
//   - per_run: medians over the rounds of each run's totals (GC count and pause, the highest RSS);
//   - windows: per window position, the median over the rounds of p50, p99, RSS, CPU and GC, the range
//     of the p99, the highest max, and the counts summed.
// Usage: node summarize.js results/sustained-runs.json results/sustained.json
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const KEY = ['target', 'transport', 'size', 'rate'];
const SUM = ['offered', 'sent', 'delivered', 'lost'];
const MEDIAN = ['p50_ms', 'p99_ms', 'rss_mb', 'server_cpu_pct', 'generator_cpu_pct', 'gc_count', 'gc_full', 'gc_pause_ms'];

const worst = (v) => (v === null || v === undefined ? Infinity : v);
const round2 = (x) => Math.round(x * 100) / 100;

/** Median, null ranked above every number; two middles average. null for no values. */
export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => worst(x) - worst(y));
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid] ?? null;
  const [lo, hi] = [sorted[mid - 1], sorted[mid]];
  return lo === null || lo === undefined || hi === null || hi === undefined ? null : round2((lo + hi) / 2);
}

const sumOf = (values) => (values.some((v) => v === null || v === undefined)
  ? null : Math.round(values.reduce((n, v) => n + v, 0) * 10) / 10);

export function summarize(runs) {
  const groups = new Map();
  for (const run of runs) {
    const key = KEY.map((k) => run[k]).join('|');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(run);
  }
  return [...groups.values()].map((group) => {
    const all = group.flatMap((run) => run.windows.map((w) => ({ ...w, round: run.round ?? null })));
    const worstWindow = [...all].sort((x, y) => worst(y.p99_ms) - worst(x.p99_ms))[0];
    const positions = Math.max(...group.map((run) => run.windows.length));
    const windows = Array.from({ length: positions }, (_, i) => {
      const rows = group.map((run) => run.windows[i]).filter(Boolean);
      const out = { window: i, from_s: rows[0].from_s };
      for (const field of SUM) out[field] = rows.reduce((n, r) => n + r[field], 0);
      for (const field of MEDIAN) out[field] = median(rows.map((r) => r[field]));
      const p99s = rows.map((r) => r.p99_ms).sort((x, y) => worst(x) - worst(y));
      out.p99_ms_range = [p99s[0] ?? null, p99s.at(-1) ?? null];
      out.max_ms = rows.some((r) => r.max_ms === null) ? null : Math.max(...rows.map((r) => r.max_ms));
      return out;
    });
    const first = group[0];
    return {
      target: first.target, transport: first.transport, size: first.size, rate: first.rate,
      rooms: first.rooms, participants: first.participants, seconds: first.seconds, window_s: first.window_s,
      rounds: group.length, gc_source: first.gc_source,
      worst_window: {
        round: worstWindow.round, window: worstWindow.window, from_s: worstWindow.from_s,
        p50_ms: worstWindow.p50_ms, p99_ms: worstWindow.p99_ms, max_ms: worstWindow.max_ms,
        lost: worstWindow.lost, gc_count: worstWindow.gc_count, gc_pause_ms: worstWindow.gc_pause_ms,
      },
      median_window_p99_ms: median(all.map((w) => w.p99_ms)),
      max_ms: all.some((w) => w.max_ms === null) ? null : Math.max(...all.map((w) => w.max_ms)),
      ...Object.fromEntries(['sent', 'delivered', 'lost', 'stale', 'errors'].map((f) => [f, group.reduce((n, r) => n + r[f], 0)])),
      per_run: {
        join_s: median(group.map((r) => r.join_s)),
        rss_max_mb: median(group.map((r) => Math.max(...r.windows.map((w) => w.rss_mb)))),
        server_cpu_pct: median(group.map((r) => median(r.windows.map((w) => w.server_cpu_pct)))),
        generator_cpu_pct: median(group.map((r) => median(r.windows.map((w) => w.generator_cpu_pct)))),
        gc_count: median(group.map((r) => sumOf(r.windows.map((w) => w.gc_count)))),
        gc_full: median(group.map((r) => sumOf(r.windows.map((w) => w.gc_full)))),
        gc_pause_ms: median(group.map((r) => sumOf(r.windows.map((w) => w.gc_pause_ms)))),
      },
      windows,
    };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [runsFile, outFile] = process.argv.slice(2);
  const rows = summarize(JSON.parse(readFileSync(runsFile, 'utf8')));
  writeFileSync(outFile, JSON.stringify(rows, null, 2) + '\n');
}
