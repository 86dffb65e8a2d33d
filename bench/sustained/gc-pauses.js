// A server's garbage-collection pauses per window of a sustained run, from what its runtime reports:
//   .NET: `dotnet-counters collect --format json --refresh-interval 1 --counters System.Runtime`, whose
//     System.Runtime meter gives, every second, the collections by generation (dotnet.gc.collections)
//     and the time paused for GC (dotnet.gc.pause.time) during that second;
//   Node: the lines targets/node-gc-log.js writes, one per collection, from perf_hooks.
// A .NET reading taken at T covers the second before it and counts in the window holding T - 0.5 s,
// so a pause can land in the window next to its own when it falls within a second of the boundary.
// A window the log does not cover from start to end gets nulls, never zeros.
import { existsSync, readFileSync } from 'node:fs';

const COUNTER = /"timestamp": "([^"]+)",\s*"provider": "[^"]*",\s*"name": "([^"(]+?)(?: \([^"]*\))?",\s*"tags": "([^"]*)",[^{}]*?"value": ([-+\d.eE]+)/g;
const READING_MS = 1000;

/** Per window { gc_count, gc_full, gc_pause_ms } (full: gen2 on .NET, mark-compact on Node). */
export function gcPerWindow({ kind, file, windowStarts, windowMs }) {
  const empty = () => windowStarts.map(() => null);
  if (!file || !existsSync(file)) return empty();
  const { events, from, until } = kind === 'node' ? nodeEvents(file) : dotnetEvents(file);
  const rows = windowStarts.map((start) => (start >= from && start + windowMs <= until
    ? { gc_count: 0, gc_full: 0, gc_pause_ms: 0 } : null));
  for (const e of events) {
    const i = Math.floor((e.at - windowStarts[0]) / windowMs);
    const row = rows[i];
    if (!row) continue;
    row.gc_count += e.count;
    row.gc_full += e.full;
    row.gc_pause_ms += e.pause_ms;
  }
  for (const row of rows) if (row) row.gc_pause_ms = Math.round(row.gc_pause_ms * 10) / 10;
  return rows;
}

/** The moment the .NET log's last reading was taken, or -Infinity: the run waits until it is past the load. */
export function dotnetLogUntil(file) {
  return existsSync(file) ? dotnetEvents(file).until : null;
}

function dotnetEvents(file) {
  const text = readFileSync(file, 'utf8');
  const started = /"StartTime": "([^"]+)"/.exec(text);
  const events = [];
  let last = null;
  for (const [, timestamp, name, tags, value] of text.matchAll(COUNTER)) {
    const at = Date.parse(timestamp);
    last = Math.max(last ?? at, at);
    const v = Number(value);
    // Each reading is for the second before it.
    if (name === 'dotnet.gc.collections') {
      events.push({ at: at - READING_MS / 2, count: v, full: tags === 'gc.heap.generation=gen2' ? v : 0, pause_ms: 0 });
    } else if (name === 'dotnet.gc.pause.time') {
      events.push({ at: at - READING_MS / 2, count: 0, full: 0, pause_ms: v * 1000 });
    }
  }
  return { events, from: started ? Date.parse(started[1]) : Infinity, until: last ?? -Infinity };
}

function nodeEvents(file) {
  const events = [];
  let until = -Infinity;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const entry = JSON.parse(line);
    if (entry.until !== undefined) { until = Math.max(until, entry.until); continue; }
    events.push({ at: entry.at, count: 1, full: entry.kind === 'major' ? 1 : 0, pause_ms: entry.ms });
  }
  // The preload starts with the process, before anything is measured.
  return { events, from: -Infinity, until };
}
