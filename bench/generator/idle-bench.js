// Idle memory for one target and transport: N joined connections that send nothing, in rooms of 8
// (MeetSite's default capacity). Server RSS (VmRSS) after things settle, minus the baseline taken after
// a warm-up, per connection. Appends one row to the results file, with round: k when given --round k.
// Usage: node idle-bench.js --target meetsite --transport websocket --origin http://127.0.0.1:5180
//          --server-pid 1234 [--connections 5000 --settle 5 --round 1 --out results/idle.json]
import { parseArgs } from 'node:util';
import { closeAll, connectAll } from './connect-all.js';
import { appendRows } from './results-file.js';
import { rssMb } from './server-process.js';
import { openTarget } from './targets/index.js';

const PER_ROOM = 8;
const { values: a } = parseArgs({
  options: {
    target: { type: 'string' }, transport: { type: 'string' }, origin: { type: 'string' },
    'server-pid': { type: 'string' }, connections: { type: 'string', default: '5000' },
    settle: { type: 'string', default: '5' }, hold: { type: 'string', default: '0' }, round: { type: 'string' },
    out: { type: 'string', default: 'results/idle.json' },
  },
});
const connections = Number(a.connections);
const serverPid = Number(a['server-pid']);
const sleep = (s) => new Promise((r) => setTimeout(r, s * 1000));

async function settledRssMb() {
  await sleep(Number(a.settle));
  const reads = [];
  for (let i = 0; i < 3; i++) { reads.push(rssMb(serverPid)); await sleep(1); }
  return reads.sort((x, y) => x - y)[1];
}

const target = await openTarget(a.target, a.transport, a.origin);
const rooms = await target.rooms(Math.ceil(connections / PER_ROOM) + 1, PER_ROOM);
// A few connections first, so the baseline already holds the code and pools every connection uses.
await closeAll(await connectAll(target, rooms.slice(-1), PER_ROOM, { waitForPeers: false }));
const baseline = await settledRssMb();

const participants = (await connectAll(target, rooms.slice(0, -1), PER_ROOM, { waitForPeers: false })).slice(0, connections);
await Promise.all(participants.map((p) => p.waitForPeers(0, 30_000)));
const loaded = await settledRssMb();
const row = {
  target: a.target, transport: a.transport, ...(a.round === undefined ? {} : { round: Number(a.round) }), connections: participants.length,
  kb_per_connection: Math.round(((loaded - baseline) * 1024) / participants.length * 10) / 10,
  baseline_rss_mb: Math.round(baseline), rss_mb: Math.round(loaded),
};
console.error(JSON.stringify(row));
appendRows(a.out, [row]);
// For a heap snapshot by hand (dotnet-gcdump): keep the connections open a while longer.
await sleep(Number(a.hold));
await closeAll(participants);
process.exit(0);
