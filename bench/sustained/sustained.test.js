// The sustained mode's arithmetic: which window a message and a GC pause count in, and the summary's
// worst and median windows. Run: node --test bench/sustained/
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gcPerWindow } from './gc-pauses.js';
import { summarize } from './summarize.js';
import { Windows } from './windows.js';

const dir = mkdtempSync(join(tmpdir(), 'sustained-test-'));

test('a message counts in the window it was sent in, however late it arrives', () => {
  const windows = new Windows(1000, 10_000, 2);
  windows.sent(1000);
  windows.sent(10_999);
  windows.sent(11_000);
  windows.delivered(10_999, 11_500);
  windows.delivered(11_000, 11_002);
  const [first, second] = windows.summary();
  assert.deepEqual([first.sent, first.delivered, first.lost, first.max_ms], [2, 1, 1, 501]);
  assert.deepEqual([second.sent, second.delivered, second.lost, second.p99_ms], [1, 1, 0, 2]);
  assert.equal(windows.outstanding, 1);
});

test('dotnet-counters readings count in the window of the second they cover, uncovered windows are null', () => {
  const file = join(dir, 'counters.json');
  const reading = (at, name, tags, value) => `{ "timestamp": "${new Date(at).toISOString()}",  "provider": "System.Runtime",  `
    + `"name": "${name}",  "tags": "${tags}",  "counterType": "Rate",  "meterTags": "",  "instrumentTags": "",  "value": ${value} }`;
  const t0 = Date.parse('2026-12-02T13:00:00Z');
  writeFileSync(file, `{ "TargetProcess": "X", "StartTime": "${new Date(t0 - 5000).toISOString()}", "Events": [`
    + [reading(t0 + 10_200, 'dotnet.gc.collections ({collection} / 1 sec)', 'gc.heap.generation=gen2', 1),
      reading(t0 + 10_200, 'dotnet.gc.collections ({collection} / 1 sec)', 'gc.heap.generation=gen0', 2),
      reading(t0 + 10_200, 'dotnet.gc.pause.time (s / 1 sec)', '', 0.0525),
      reading(t0 + 21_000, 'dotnet.gc.pause.time (s / 1 sec)', '', 0)].join(','));
  const rows = gcPerWindow({ kind: 'dotnet', file, windowStarts: [t0, t0 + 10_000, t0 + 20_000], windowMs: 10_000 });
  // The reading at 10.2 s covers 9.2-10.2 s: the first window; the log ends at 21 s, before the third ends.
  assert.deepEqual(rows, [{ gc_count: 3, gc_full: 1, gc_pause_ms: 52.5 }, { gc_count: 0, gc_full: 0, gc_pause_ms: 0 }, null]);
});

test('the Node GC log gives one pause per line, complete up to its last flush', () => {
  const file = join(dir, 'gc.jsonl');
  writeFileSync(file, [{ at: 100, ms: 2.5, kind: 'minor' }, { at: 15_000, ms: 30, kind: 'major' }, { until: 20_500 }]
    .map((e) => JSON.stringify(e)).join('\n') + '\n');
  const rows = gcPerWindow({ kind: 'node', file, windowStarts: [0, 10_000, 20_000], windowMs: 10_000 });
  assert.deepEqual(rows, [{ gc_count: 1, gc_full: 0, gc_pause_ms: 2.5 }, { gc_count: 1, gc_full: 1, gc_pause_ms: 30 }, null]);
});

test('the summary keeps the worst window of any round, the median of all windows, and sums the counts', () => {
  const window = (i, p99, extra = {}) => ({ window: i, from_s: i * 10, offered: 10, sent: 10, delivered: 10, lost: 0,
    p50_ms: 1, p99_ms: p99, max_ms: p99 + 1, rss_mb: 100, server_cpu_pct: 50, generator_cpu_pct: 20,
    gc_count: 1, gc_full: 0, gc_pause_ms: 2, ...extra });
  const run = (round, windows) => ({ target: 'meetsite', transport: 'websocket', round, size: 300, rate: 8000, rooms: 1,
    participants: 4, seconds: 30, window_s: 10, join_s: 1, sent: 30, delivered: 30 - round, lost: round - 1, stale: 0, errors: 0,
    gc_source: 'x', windows });
  const [row] = summarize([
    run(1, [window(0, 500), window(1, 20), window(2, 30)]),
    run(2, [window(0, 40), window(1, null, { delivered: 0, lost: 10, max_ms: null }), window(2, 10, { gc_count: null })]),
  ]);
  assert.deepEqual([row.worst_window.round, row.worst_window.window, row.worst_window.p99_ms], [2, 1, null]);
  // p99s 10, 20, 30, 40, 500, none: the middles are 30 and 40.
  assert.equal(row.median_window_p99_ms, 35);
  assert.equal(row.lost, 1);
  assert.deepEqual(row.windows[0].p99_ms_range, [40, 500]);
  assert.equal(row.windows[1].lost, 10);
  assert.equal(row.per_run.gc_count, null, 'a run with an uncovered window has no GC total');
  assert.equal(row.rounds, 2);
});
