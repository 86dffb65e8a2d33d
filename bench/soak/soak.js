// The soak (see run.sh): N participants over real accounts, half on WebSocket and half on long-polling,
// join and leave meetings in churn for M minutes with signaling and chat. Every 10 s it samples the
// server (server-figures.js) and the messages (ledger.js); then everyone leaves, and after the grace
// period nothing may be left. Writes the samples, the RSS slope, the final counts and the verdict to
// --out; exits 1 when the verdict is a failure, printing why.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { newMeeting, signIn } from '../generator/targets/meetsite-accounts.js';
import { Ledger } from './ledger.js';
import { runSeat } from './seat.js';
import { counters, procStatus, round } from './server-figures.js';
import { trend, verdict } from './verdict.js';

const { values: a } = parseArgs({
  options: {
    origin: { type: 'string' }, 'server-pid': { type: 'string' }, counters: { type: 'string' },
    'server-log': { type: 'string' }, out: { type: 'string' }, 'server-env': { type: 'string', default: '' },
    connections: { type: 'string', default: '1000' }, minutes: { type: 'string', default: '10' },
    meetings: { type: 'string' }, capacity: { type: 'string', default: '8' },
    'sample-seconds': { type: 'string', default: '10' }, 'warmup-minutes': { type: 'string', default: '2' },
    'drain-seconds': { type: 'string', default: '10' }, 'grace-seconds': { type: 'string', default: '30' },
    'slope-limit': { type: 'string', default: '1' },
  },
});
const N = Number(a.connections);
const MINUTES = Number(a.minutes);
const MEETINGS = Number(a.meetings ?? Math.ceil(N / 4));
const SAMPLE_MS = Number(a['sample-seconds']) * 1000;
const DRAIN_MS = Number(a['drain-seconds']) * 1000;
const GRACE_MS = Number(a['grace-seconds']) * 1000;
const serverPid = Number(a['server-pid']);
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const log = (line) => console.error(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`);
const machineInfo = (...args) => JSON.parse(execFileSync(process.execPath,
  [new URL('../generator/machine-info.js', import.meta.url).pathname, ...args], { encoding: 'utf8' }));

// Builds and tests of the others on this shared machine: their compilers and test hosts, not ours.
function otherBuilds() {
  let count = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (Number(pid) !== serverPid && /MSBuild\.dll|VBCSCompiler|testhost|vstest|chrom(e|ium).*--headless/i.test(cmd)) count++;
    } catch { /* gone meanwhile */ }
  }
  return count;
}

const machine = machineInfo('before');
log(`${N} accounts and ${MEETINGS} meetings`);
const jars = [];
for (let i = 0; i < N; i += 10) {
  jars.push(...await Promise.all(Array.from({ length: Math.min(10, N - i) }, (_, k) => signIn(a.origin, `soak-${i + k}`))));
}
// Every meeting has its own owner, like people who each start their own call.
const meetings = [];
for (let i = 0; i < MEETINGS; i++) meetings.push(await newMeeting(a.origin, jars[i % N]));

const ledger = new Ledger(DRAIN_MS);
const stats = {
  joins: { websocket: 0, longpolling: 0 }, leaves: { websocket: 0, longpolling: 0 },
  join_refusals: {}, drops: {}, errors: {}, churn_errors: {},
};
const startedAt = Date.now();
const endAt = startedAt + MINUTES * 60_000;
let messageNumber = 0;
const ctx = {
  origin: a.origin, meetings, occupancy: new Map(meetings.map((m) => [m, 0])), capacity: Number(a.capacity),
  ledger, stats, endAt, stayMs: [10_000, 60_000], pauseMs: [2_000, 8_000], signalMs: [1_000, 3_000],
  chatMs: [30_000, 60_000], nextMessage: () => ++messageNumber,
};

const samples = [];
let phase = 'churn';
let cpuBefore = process.cpuUsage();
function sample() {
  const cpu = process.cpuUsage(cpuBefore);
  cpuBefore = process.cpuUsage();
  const s = {
    t_s: Math.round((Date.now() - startedAt) / 1000), phase, ...procStatus(serverPid), ...counters(a.counters),
    joined_client_side: [...ctx.occupancy.values()].reduce((x, y) => x + y, 0),
    ...structuredClone(ledger.counts), overdue: ledger.overdue, ...ledger.takeLatency(),
    generator_cpu_pct: Math.round(((cpu.user + cpu.system) / 1000 / SAMPLE_MS) * 100),
    load_1m: round(loadavg()[0], 2), other_builds: otherBuilds(),
  };
  samples.push(s);
  log(`${s.t_s}s ${phase}: RSS ${s.rss_mb} MB (anon ${s.rss_anon_mb}, GC committed ${s.gc_committed_mb}), db connections ${s.db_connections}, heap ${s.heap_mb} MB, gen2 ${s.gen2_collections}, threads ${s.threads}, `
    + `rooms ${s.rooms}, participants ${s.participants}, ws ${s.websockets}, lp ${s.long_poll_sessions}, `
    + `sent ${s.deliveries}, overdue ${s.overdue}, p99 ${s.p99_ms} ms, load ${s.load_1m}, other builds ${s.other_builds}`);
}

log(`churn for ${MINUTES} min`);
sample();
const sampler = setInterval(sample, SAMPLE_MS);
const settler = setInterval(() => ledger.settle(), 1000);
const rampMs = Math.min(30_000, (MINUTES * 60_000) / 4);
await Promise.all(jars.map((jar, i) => runSeat(ctx, {
  jar, transport: i % 2 === 0 ? 'websocket' : 'longpolling', startDelayMs: Math.random() * rampMs,
})));
const everyoneLeftAt = Date.now();
phase = 'after';
log(`everyone left; drain ${DRAIN_MS / 1000} s, then the grace period (${GRACE_MS / 1000} s from the last leave)`);
await sleep(DRAIN_MS + 1000);
clearInterval(settler);
ledger.settle(Date.now() + DRAIN_MS);
// The first counters reading taken after the grace period is the one that must show nothing left.
let final = counters(a.counters);
while (!(final.counters_at && Date.parse(final.counters_at) > everyoneLeftAt + GRACE_MS)) {
  if (Date.now() > everyoneLeftAt + GRACE_MS + 60_000) break;
  await sleep(1000);
  final = counters(a.counters);
}
clearInterval(sampler);
sample();

const logText = readFileSync(a['server-log'], 'utf8');
const logProblems = logText.split('\n').filter((line) => /fail:|crit:|Exception/.test(line)).slice(0, 20);
const leftovers = {
  rooms: final.rooms, participants: final.participants, websockets: final.websockets, long_poll_sessions: final.long_poll_sessions,
};
const clientProblems = [];
const tally = (what, counts) => {
  const entries = Object.entries(counts);
  if (entries.length) clientProblems.push(`${what}: ${entries.map(([k, v]) => `${k} ${v}`).join(', ')}`);
};
tally('joins refused', stats.join_refusals);
tally('connections dropped by the server', stats.drops);
tally('errors beyond churn', stats.errors);
if (final.counters_at === null) clientProblems.push('no dotnet-counters readings');
const trendFigures = trend(samples, Number(a['warmup-minutes']));
const result = {
  description: `bench/soak: ${N} participants (half WebSocket, half long-polling), one account each, churning through `
    + `${MEETINGS} meetings for ${MINUTES} min: stay 10-60 s, pause 2-8 s, rejoin the same meeting half the time; `
    + `a signal to a random peer every 1-3 s and a chat message every 30-60 s while joined. A delivery is owed when `
    + `sender and recipient both stayed joined ${DRAIN_MS / 1000} s after the send; lost = owed and never delivered.`,
  settings: {
    connections: N, minutes: MINUTES, meetings: MEETINGS, capacity: ctx.capacity, sample_seconds: SAMPLE_MS / 1000,
    warmup_minutes: Number(a['warmup-minutes']), drain_seconds: DRAIN_MS / 1000, grace_seconds: GRACE_MS / 1000,
    slope_limit_mb_per_min: Number(a['slope-limit']), server_env: a['server-env'].split(' ').filter(Boolean),
  },
  machine: { ...machine, finished: new Date().toISOString(), load_after: loadavg().map((l) => round(l, 2)),
    other_builds_max: Math.max(...samples.map((s) => s.other_builds)) },
  trend: trendFigures,
  final: {
    rss_start_mb: samples[0].rss_mb, rss_end_of_churn_mb: samples.filter((s) => s.phase === 'churn').at(-1).rss_mb,
    rss_after_mb: samples.at(-1).rss_mb, threads_after: samples.at(-1).threads,
    gen2_collections: samples.at(-1).gen2_collections, leftovers, counters_at: final.counters_at,
    ...ledger.counts, lost: ledger.overdue, lost_by_transports: ledger.overdueByTransport(), ...stats, server_log_problems: logProblems,
  },
  verdict: verdict({ trendFigures, slopeLimit: Number(a['slope-limit']), lost: ledger.overdue, leftovers, logProblems, clientProblems }),
  samples,
};
writeFileSync(a.out, JSON.stringify(result, null, 2) + '\n');
log(`RSS ${result.final.rss_start_mb} -> ${result.final.rss_end_of_churn_mb} MB (after: ${result.final.rss_after_mb}), `
  + `slope ${trendFigures.rss_slope_mb_per_min} MB/min from minute ${trendFigures.from_minute}, `
  + `lost ${ledger.overdue}, late ${ledger.counts.late}, leftovers ${JSON.stringify(leftovers)}`);
if (result.verdict.pass) log('PASS');
else log(`FAIL:\n  ${result.verdict.why.join('\n  ')}`);
process.exit(result.verdict.pass ? 0 : 1);
