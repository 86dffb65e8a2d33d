// The server's figures for one sample: memory and threads from /proc/<pid>/status, the rest from the
// file `dotnet-counters collect --format json` keeps appending to (System.Runtime and MeetSite.Signaling).
// That file is unfinished JSON while it is written, so its events are picked out one by one.
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

const EVENT = /"timestamp": "([^"]+)",\s*"provider": "[^"]*",\s*"name": "([^"(]+?)(?: \([^"]*\))?",\s*"tags": "([^"]*)",[^{}]*?"value": ([-+\d.eE]+)/g;
const MB = 1024 * 1024;
const GAUGES = ['rooms', 'participants', 'transports', 'long_poll_sessions'];

export function procStatus(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)[1]);
  // RssAnon is the process's own memory (GC heap, native allocations, stacks, JIT code); RssFile is
  // mapped files (assemblies, native libraries) paged in as code paths are first used.
  return {
    rss_mb: round(field('VmRSS') / 1024),
    rss_anon_mb: round(field('RssAnon') / 1024),
    rss_file_mb: round(field('RssFile') / 1024),
    threads: field('Threads'),
    // Each open SQLite connection holds the database file open: pooled connections each keep a page cache.
    db_connections: databaseFiles(pid),
  };
}

function databaseFiles(pid) {
  let count = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).endsWith('.db')) count += 1;
    } catch {
      // closed between the listing and the read
    }
  }
  return count;
}

/**
 * The latest value of each gauge, and the sums of the per-interval counters since collection began
 * (gen2 collections, bytes allocated). `counters_at` is when the relay's gauges were last all read, so a
 * caller can wait for a reading taken after some moment.
 */
export function counters(file) {
  const latest = new Map();
  const readings = new Map(GAUGES.map((name) => [`meetsite.signaling.${name}`, []]));
  let gen2 = 0;
  let allocated = 0;
  let jitMethods = 0;
  let jitIl = 0;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  for (const [, timestamp, name, tags, value] of text.matchAll(EVENT)) {
    const v = Number(value);
    readings.get(name)?.push({ timestamp, value: v });
    if (name === 'dotnet.gc.collections') {
      if (tags === 'gc.heap.generation=gen2') gen2 += v;
    } else if (name === 'dotnet.gc.heap.total_allocated') {
      allocated += v;
    } else if (name === 'dotnet.jit.compiled_methods') {
      jitMethods += v;
    } else if (name === 'dotnet.jit.compiled_il.size') {
      jitIl += v;
    } else {
      latest.set(tags ? `${name}{${tags}}` : name, v);
    }
  }
  const heap = ['gen0', 'gen1', 'gen2', 'loh', 'poh']
    .reduce((sum, gen) => sum + (latest.get(`dotnet.gc.last_collection.heap.size{gc.heap.generation=${gen}}`) ?? 0), 0);
  // The writer flushes an interval's events in pieces, and every interval reads each gauge once: the
  // k-th reading of every gauge is from the same interval, so the last complete one is the k-th of all.
  const complete = Math.min(...[...readings.values()].map((list) => list.length));
  const reading = (name) => (complete === 0 ? null : readings.get(`meetsite.signaling.${name}`)[complete - 1]);
  const gauge = (name) => reading(name)?.value ?? null;
  const at = complete === 0 ? null : GAUGES.map((name) => reading(name).timestamp).sort()[0];
  const transports = gauge('transports');
  const sessions = gauge('long_poll_sessions');
  return {
    counters_at: at,
    heap_mb: at === null ? null : round(heap / MB),
    gc_committed_mb: round((latest.get('dotnet.gc.last_collection.memory.committed_size') ?? 0) / MB),
    gen2_collections: gen2,
    allocated_mb: round(allocated / MB),
    jit_methods: jitMethods,
    jit_il_mb: round(jitIl / MB, 2),
    rooms: gauge('rooms'),
    participants: gauge('participants'),
    websockets: transports === null || sessions === null ? null : transports - sessions,
    long_poll_sessions: sessions,
  };
}

export const round = (x, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
