// One reading of a .NET server's memory for the probe (probe.sh): resident memory split by what maps it
// (/proc/<pid>/smaps), threads, and the runtime's own figures from the file `dotnet-counters collect
// --format json` keeps appending to. Prints one JSON object.
// Usage: node figures.js PID COUNTERS_FILE LABEL
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [pid, countersFile, label] = process.argv.slice(2);
const MB = 1024 * 1024;
const round = (bytes) => Math.round((bytes / MB) * 10) / 10;

/** Resident bytes per kind of mapping, and the ten files with the most resident pages. */
function smaps() {
  const kinds = {};
  const files = {};
  let kind = null;
  let file = null;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const header = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (header) {
      const path = header[1];
      file = null;
      if (path === '') kind = 'anonymous';
      else if (path.startsWith('/memfd:doublemapper')) kind = 'executable double map (W^X)';
      else if (path.startsWith('[')) kind = path;
      else if (path.endsWith('.dll')) { kind = 'assemblies (.dll)'; file = basename(path); }
      else if (/\.so(\.|$)/.test(path)) { kind = 'native libraries (.so)'; file = basename(path); }
      else { kind = 'other files'; file = basename(path); }
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && kind) {
      const bytes = Number(rss[1]) * 1024;
      kinds[kind] = (kinds[kind] ?? 0) + bytes;
      if (file) files[file] = (files[file] ?? 0) + bytes;
    }
  }
  const top = Object.entries(files).sort((x, y) => y[1] - x[1]).slice(0, 12);
  return {
    rss_by_kind_mb: Object.fromEntries(Object.entries(kinds).sort((x, y) => y[1] - x[1]).map(([k, v]) => [k, round(v)])),
    top_files_mb: Object.fromEntries(top.map(([k, v]) => [k, round(v)])),
  };
}

const EVENT = /"name": "([^"(]+?)(?: \([^"]*\))?",\s*"tags": "([^"]*)",[^{}]*?"value": ([-+\d.eE]+)/g;
/** The latest value of each runtime gauge (per tag set). */
function counters() {
  const latest = {};
  for (const [, name, tags, value] of readFileSync(countersFile, 'utf8').matchAll(EVENT)) {
    latest[tags ? `${name} ${tags}` : name] = Number(value);
  }
  const pick = (key) => latest[key];
  const gen = (g) => round(pick(`dotnet.gc.last_collection.heap.size gc.heap.generation=${g}`) ?? 0);
  return {
    gc_committed_mb: round(pick('dotnet.gc.last_collection.memory.committed_size') ?? 0),
    gc_heap_after_last_gc_mb: { gen0: gen('gen0'), gen1: gen('gen1'), gen2: gen('gen2'), loh: gen('loh'), poh: gen('poh') },
    gc_fragmentation_mb: Object.fromEntries(['gen0', 'gen1', 'gen2', 'loh', 'poh'].map((g) =>
      [g, round(pick(`dotnet.gc.last_collection.heap.fragmentation.size gc.heap.generation=${g}`) ?? 0)])),
    assemblies: pick('dotnet.assembly.count'),
  };
}

const status = readFileSync(`/proc/${pid}/status`, 'utf8');
const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)[1]);
const c = counters();
const heap = Object.values(c.gc_heap_after_last_gc_mb).reduce((s, v) => s + v, 0);
console.log(JSON.stringify({
  label,
  at: new Date().toISOString(),
  load_average: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number),
  rss_mb: round(field('VmRSS') * 1024),
  rss_anon_mb: round(field('RssAnon') * 1024),
  rss_file_mb: round(field('RssFile') * 1024),
  rss_shmem_mb: round(field('RssShmem') * 1024),
  threads: field('Threads'),
  ...c,
  gc_heap_total_mb: Math.round(heap * 10) / 10,
  anon_outside_gc_mb: Math.round((field('RssAnon') / 1024 - c.gc_committed_mb) * 10) / 10,
  ...smaps(),
}, null, 1));
