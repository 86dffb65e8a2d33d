// Folds the rows of several rounds into one row per measurement: this VM's timer jitter moves one run's
// p99 by an order of magnitude, and an idle server's RSS by how much of its last burst's garbage the GC
// has not collected yet, so one pass cannot rank the targets.
// Relay rows are keyed by (target, transport, size, rate), idle rows by (target, transport):
//   - latencies, rates, memory and CPU: the median over the rounds (max_ms too: the median of each
//     round's max); p99_ms_range (relay) and kb_per_connection_range (idle): [lowest, highest] of the rounds;
//   - counts (sent, received, lost, stale, errors): the sum over the rounds, so 0 lost means none in any;
//   - rounds: how many rounds measured the step (fewer than run if a round failed or skipped it after
//     saturating at a lower rate).
// A round that delivered nothing at a step has null latencies; null ranks above every latency.
// With one round each row is that round's row plus rounds: 1 and p99_ms_range: [p99, p99].
// Usage: node aggregate-rounds.js relay|idle results/relay-runs.json results/relay.json
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const KINDS = {
  relay: { key: ['target', 'transport', 'size', 'rate'], same: ['rooms', 'participants', 'seconds'], range: 'p99_ms' },
  idle: { key: ['target', 'transport'], same: ['connections'], range: 'kb_per_connection' },
};
const SUM = new Set(['sent', 'received', 'lost', 'stale', 'errors']);
const MS = new Set(['p50_ms', 'p99_ms', 'max_ms']);

const worst = (v) => (v === null || v === undefined ? Infinity : v);
const byWorst = (x, y) => worst(x) - worst(y);

/** Median of numbers (null: nothing measured, ranked worst); two middles average, to 0.01 unless both are whole. */
function median(values, field) {
  const sorted = [...values].sort(byWorst);
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid] ?? null;
  const [lo, hi] = [sorted[mid - 1], sorted[mid]];
  if (lo === null || lo === undefined || hi === null || hi === undefined) return null;
  const fractional = MS.has(field) || !Number.isInteger(lo) || !Number.isInteger(hi);
  return fractional ? Math.round(((lo + hi) / 2) * 100) / 100 : Math.round((lo + hi) / 2);
}

export function aggregateRounds(runs, kind = 'relay') {
  const { key: KEY, same, range } = KINDS[kind];
  const SAME = new Set([...KEY, ...same]);
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
      if (field === range) {
        const sorted = [...values].sort(byWorst);
        out[`${range}_range`] = [sorted[0] ?? null, sorted[sorted.length - 1] ?? null];
      }
    }
    out.rounds = rows.length;
    return out;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [kind, runsFile, outFile] = process.argv.slice(2);
  if (!KINDS[kind]) throw new Error(`first argument: ${Object.keys(KINDS).join(' or ')}, not ${kind}`);
  const rows = aggregateRounds(JSON.parse(readFileSync(runsFile, 'utf8')), kind);
  writeFileSync(outFile, JSON.stringify(rows, null, 2) + '\n');
}
