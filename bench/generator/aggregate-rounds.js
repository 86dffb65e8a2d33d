// Folds the relay rows of several rounds into one row per (target, transport, size, rate): this VM's
// timer jitter moves one run's p99 by an order of magnitude, so one pass cannot rank the targets.
//   - latencies, rates, memory and CPU: the median over the rounds (max_ms too: the median of each
//     round's max); p99_ms_range: [lowest, highest] p99 of the rounds;
//   - counts (sent, received, lost, stale, errors): the sum over the rounds, so 0 lost means none in any;
//   - rounds: how many rounds measured the step (fewer than run if a round failed or skipped it after
//     saturating at a lower rate).
// A round that delivered nothing at a step has null latencies; null ranks above every latency.
// With one round each row is that round's row plus rounds: 1 and p99_ms_range: [p99, p99].
// Usage: node aggregate-rounds.js results/relay-runs.json results/relay.json
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const KEY = ['target', 'transport', 'size', 'rate'];
const SAME = new Set([...KEY, 'rooms', 'participants', 'seconds']);
const SUM = new Set(['sent', 'received', 'lost', 'stale', 'errors']);
const MS = new Set(['p50_ms', 'p99_ms', 'max_ms']);

const worst = (v) => (v === null || v === undefined ? Infinity : v);
const byWorst = (x, y) => worst(x) - worst(y);

/** Median of numbers (null: nothing measured, ranked worst); two middles average, rounded like the input. */
function median(values, field) {
  const sorted = [...values].sort(byWorst);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid] ?? null;
  const [lo, hi] = [sorted[mid - 1], sorted[mid]];
  if (lo === null || lo === undefined || hi === null || hi === undefined) return null;
  return MS.has(field) ? Math.round(((lo + hi) / 2) * 100) / 100 : Math.round((lo + hi) / 2);
}

export function aggregateRounds(runs) {
  const groups = new Map();
  for (const row of runs) {
    const key = KEY.map((k) => row[k]).join('|');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(row);
  }
  return [...groups.values()].map((rows) => {
    const out = {};
    for (const field of Object.keys(rows[0])) {
      if (field === 'round') continue;
      const values = rows.map((r) => r[field]);
      if (SAME.has(field) || (typeof rows[0][field] !== 'number' && rows[0][field] !== null)) out[field] = rows[0][field];
      else if (SUM.has(field)) out[field] = values.reduce((n, v) => n + (v ?? 0), 0);
      else out[field] = median(values, field);
      if (field === 'p99_ms') {
        const sorted = [...values].sort(byWorst);
        out.p99_ms_range = [sorted[0] ?? null, sorted[sorted.length - 1] ?? null];
      }
    }
    out.rounds = rows.length;
    return out;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [runsFile, outFile] = process.argv.slice(2);
  const rows = aggregateRounds(JSON.parse(readFileSync(runsFile, 'utf8')));
  writeFileSync(outFile, JSON.stringify(rows, null, 2) + '\n');
}
