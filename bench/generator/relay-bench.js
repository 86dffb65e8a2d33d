// Relay load for one target and transport: R rooms x P participants, then for each message size the
// offered rates in turn. Appends one row per step to the results file (JSON array); with --round k
// each row also carries round: k (run.sh repeats the runs in rounds, see aggregate-rounds.js).
// Usage: node relay-bench.js --target meetsite --transport websocket --origin http://127.0.0.1:5180
//          --server-pid 1234 [--rooms 100 --participants 4 --sizes 300,4096 --rates 2000,4000,8000,16000
//          --seconds 5 --drain 3 --warmup 30 --round 1 --out results/relay.json]
// Several nodes (bench/multinode): --server-pid 1234,1235 adds up their RSS and CPU, --watch
// node1=1234,node2=1235,nginx=1240+1241 reports each named group of processes too. Every row carries
// load_avg_1m, the machine's load average at the step's end.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runStep } from './load-step.js';
import { appendRows } from './results-file.js';
import { openTarget } from './targets/index.js';
import { connectAll, closeAll } from './connect-all.js';

const { values: a } = parseArgs({
  options: {
    target: { type: 'string' }, transport: { type: 'string' }, origin: { type: 'string' },
    'server-pid': { type: 'string' }, watch: { type: 'string', default: '' }, rooms: { type: 'string', default: '100' },
    participants: { type: 'string', default: '4' }, sizes: { type: 'string', default: '300,4096' },
    rates: { type: 'string', default: '2000,4000,8000,16000' }, seconds: { type: 'string', default: '5' },
    drain: { type: 'string', default: '3' }, warmup: { type: 'string', default: '30' }, round: { type: 'string' },
    out: { type: 'string', default: 'results/relay.json' },
  },
});
const list = (s) => s.split(',').map(Number);
const [rooms, perRoom, seconds, drainSeconds] = [a.rooms, a.participants, a.seconds, a.drain].map(Number);
const serverPids = a['server-pid'].split(',').map(Number);
const watched = a.watch === '' ? [] : a.watch.split(',').map((group) => {
  const [name, pids] = group.split('=');
  return { name, pids: pids.split('+').map(Number) };
});
const round = a.round === undefined ? {} : { round: Number(a.round) };

const target = await openTarget(a.target, a.transport, a.origin);
const roomKeys = await target.rooms(rooms, perRoom);
const participants = await connectAll(target, roomKeys, perRoom);
console.error(`${a.target} ${a.transport}: ${participants.length} participants in ${rooms} rooms`);

// Not recorded: JIT, pools and buffers warm up the same way on every target before the measured steps.
// Thirty seconds at the first step's rate: three seconds did not finish .NET's tiered JIT on the
// long-poll path (MeetSite's server CPU at 2k msg/s stayed about twice its steady figure for the first
// 10-15 s of load), and a .NET server's first full collection (a blocking gen2 of 45-65 ms on this VM,
// traced about 30 s after start, once the start-up's survivors are promoted) belongs to start-up, not
// to the steady state the steps measure. A server that has been up for minutes has long done it.
const warmup = await runStep({ participants, rate: list(a.rates)[0], size: list(a.sizes)[0], seconds: Number(a.warmup), drainSeconds, serverPids, watched, step: 0 });
console.error(`warm-up: ${warmup.received}/${warmup.sent} delivered`);

let step = 0;
for (const size of list(a.sizes)) {
  for (const rate of list(a.rates)) {
    const result = await runStep({ participants, rate, size, seconds, drainSeconds, serverPids, watched, step: ++step });
    const row = { target: a.target, transport: a.transport, ...round, size, rate, rooms, participants: perRoom, seconds, ...result, load_avg_1m: Math.round(loadavg()[0] * 100) / 100 };
    // Written at once, so the steps measured before a server dies are kept.
    appendRows(a.out, [row]);
    console.error(JSON.stringify(row));
    await new Promise((r) => setTimeout(r, 500));
    if (result.received < result.sent * 0.5) {
      console.error(`${a.target} ${a.transport}: saturated at ${rate}/s with ${size} B, higher rates skipped`);
      break;
    }
  }
}
await closeAll(participants);
process.exit(0);
