// One sustained run for one target and transport on a fresh server: R rooms x P participants join, and
// from the moment the last of them knows its peers (no warm-up, nothing excluded) every participant in
// turn signals its peers at `rate` messages/s in total, of `size` bytes, for `seconds`. Reported per
// window of `window` seconds: the latencies and counts of the messages sent in it (windows.js), the
// server's RSS at its end and CPU over it, the generator's own CPU, and the server's GC pauses
// (gc-pauses.js). Appends one row per run to the results file.
// Usage: node sustained.js --target meetsite --transport websocket --origin http://127.0.0.1:5180
//          --server-pid 1234 --gc-kind dotnet|node --gc-log FILE [--rooms 100 --participants 4
//          --size 300 --rate 8000 --seconds 120 --window 10 --drain 5 --round 1 --out FILE]
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { closeAll, connectAll } from '../generator/connect-all.js';
import { payloadFactory } from '../generator/load-step.js';
import { appendRows } from '../generator/results-file.js';
import { cpuSeconds, rssMb } from '../generator/server-process.js';
import { openTarget } from '../generator/targets/index.js';
import { dotnetLogUntil, gcPerWindow } from './gc-pauses.js';
import { Windows } from './windows.js';

const { values: a } = parseArgs({
  options: {
    target: { type: 'string' }, transport: { type: 'string', default: 'websocket' }, origin: { type: 'string' },
    'server-pid': { type: 'string' }, 'gc-kind': { type: 'string' }, 'gc-log': { type: 'string' },
    rooms: { type: 'string', default: '100' }, participants: { type: 'string', default: '4' },
    size: { type: 'string', default: '300' }, rate: { type: 'string', default: '8000' },
    seconds: { type: 'string', default: '120' }, window: { type: 'string', default: '10' },
    drain: { type: 'string', default: '5' }, round: { type: 'string' }, out: { type: 'string' },
  },
});
const [rooms, perRoom, size, rate, seconds, windowS, drainS] =
  [a.rooms, a.participants, a.size, a.rate, a.seconds, a.window, a.drain].map(Number);
const serverPid = Number(a['server-pid']);
const windowMs = windowS * 1000;
const count = Math.ceil(seconds / windowS);
const TICK_MS = 1;
const STEP = 1;
const GC_LOG_WAIT_MS = 15_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const log = (line) => console.error(`[sustained ${a.target} ${a.transport}] ${line}`);

const target = await openTarget(a.target, a.transport, a.origin);
const joinStarted = performance.now();
const roomKeys = await target.rooms(rooms, perRoom);
const participants = await connectAll(target, roomKeys, perRoom);
const started = performance.now();
log(`${participants.length} participants in ${rooms} rooms after ${((started - joinStarted) / 1000).toFixed(1)} s; `
  + `${rate}/s of ${size} B for ${seconds} s`);

const windows = new Windows(started, windowMs, count);
let stale = 0;
for (const p of participants) {
  p.onSignal = (from, data) => {
    if (data?.step !== STEP) { stale++; return; }
    windows.delivered(data.t, performance.now());
  };
}
const errorsBefore = participants.reduce((n, p) => n + p.errors, 0);

// The server's RSS and CPU and the generator's CPU at each window's end (and at the start).
const samples = [];
const sample = () => samples.push({
  at: performance.now(), rss_mb: rssMb(serverPid), server_cpu_s: cpuSeconds(serverPid), own: process.cpuUsage(),
});
sample();
const samplers = Array.from({ length: count }, (_, k) => setTimeout(sample, started + (k + 1) * windowMs - performance.now()));

const payload = payloadFactory(STEP, size);
const endAt = started + seconds * 1000;
let sent = 0;
let turn = 0;
await new Promise((resolve) => {
  const tick = () => {
    const now = performance.now();
    if (now >= endAt) { resolve(); return; }
    const due = Math.floor(((now - started) / 1000) * rate);
    for (let tries = 0; sent < due && tries < 4 * participants.length; tries++) {
      const sender = participants[turn++ % participants.length];
      if (sender.peers.length === 0) continue;
      const data = payload();
      sender.send(sender.nextPeer(), data);
      windows.sent(data.t);
      sent++;
      tries = 0;
    }
    setTimeout(tick, TICK_MS);
  };
  tick();
});
const drainUntil = performance.now() + drainS * 1000;
while (windows.outstanding > 0 && performance.now() < drainUntil) await sleep(20);
for (const timer of samplers) clearTimeout(timer);
while (samples.length < count + 1) sample();
const errors = participants.reduce((n, p) => n + p.errors, 0) - errorsBefore;

// Wall-clock window starts, to match the server's GC log (performance.timeOrigin + now is epoch ms).
const windowStarts = Array.from({ length: count }, (_, k) => performance.timeOrigin + started + k * windowMs);
const loadEnd = windowStarts[count - 1] + windowMs;
if (a['gc-kind'] === 'dotnet') {
  const waitUntil = Date.now() + GC_LOG_WAIT_MS;
  while (dotnetLogUntil(a['gc-log']) < loadEnd + 1000 && Date.now() < waitUntil) await sleep(250);
} else if (a['gc-kind'] === 'node') {
  await sleep(1500);
}
const gc = a['gc-kind'] ? gcPerWindow({ kind: a['gc-kind'], file: a['gc-log'], windowStarts, windowMs }) : windows.summary().map(() => null);
const none = { gc_count: null, gc_full: null, gc_pause_ms: null };

const rows = windows.summary().map((w, k) => {
  const [before, after] = [samples[k], samples[k + 1]];
  const elapsed = (after.at - before.at) / 1000;
  const own = (after.own.user + after.own.system - before.own.user - before.own.system) / 1e6;
  return {
    ...w,
    from_s: k * windowS,
    offered: Math.round(rate * Math.min(windowS, seconds - k * windowS)),
    rss_mb: Math.round(after.rss_mb),
    server_cpu_pct: Math.round(((after.server_cpu_s - before.server_cpu_s) / elapsed) * 100),
    generator_cpu_pct: Math.round((own / elapsed) * 100),
    ...(gc[k] ?? none),
  };
});
const row = {
  target: a.target, transport: a.transport, ...(a.round === undefined ? {} : { round: Number(a.round) }),
  size, rate, rooms, participants: perRoom, seconds, window_s: windowS, drain_s: drainS,
  join_s: Math.round((started - joinStarted) / 100) / 10,
  sent, delivered: rows.reduce((n, r) => n + r.delivered, 0), lost: rows.reduce((n, r) => n + r.lost, 0), stale, errors,
  gc_source: a['gc-kind'] === 'dotnet' ? 'dotnet-counters System.Runtime' : a['gc-kind'] === 'node' ? 'perf_hooks gc entries' : null,
  windows: rows,
};
for (const r of rows) {
  log(`${r.from_s}s: p50 ${r.p50_ms} p99 ${r.p99_ms} max ${r.max_ms} ms, sent ${r.sent} lost ${r.lost}, `
    + `RSS ${r.rss_mb} MB, CPU ${r.server_cpu_pct}% (generator ${r.generator_cpu_pct}%), GC ${r.gc_count ?? '-'} / ${r.gc_pause_ms ?? '-'} ms`);
}
if (a.out) appendRows(a.out, [row]);
await closeAll(participants);
process.exit(0);
