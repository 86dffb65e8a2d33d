// Preloaded into a Node relay (node --import ./targets/node-gc-log.js ...) when NODE_GC_LOG names a
// file: appends every garbage collection's pause, one JSON line each ({"at": epoch ms, "ms", "kind"}),
// and after each flush a line {"until": epoch ms} saying how far the log is complete. Flushed once a
// second, off the relay's hot path, so the relay pays one observer callback per collection.
import { appendFileSync } from 'node:fs';
import { constants, performance, PerformanceObserver } from 'node:perf_hooks';

const file = process.env.NODE_GC_LOG;
const KINDS = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

if (file) {
  let lines = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const at = Math.round((performance.timeOrigin + entry.startTime) * 1000) / 1000;
      lines.push(JSON.stringify({ at, ms: Math.round(entry.duration * 1000) / 1000, kind: KINDS[entry.detail?.kind] ?? String(entry.detail?.kind) }));
    }
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    lines.push(JSON.stringify({ until: Date.now() }));
    appendFileSync(file, lines.join('\n') + '\n');
    lines = [];
  }, 1000).unref();
}
