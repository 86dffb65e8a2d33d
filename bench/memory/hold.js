// Holds R rooms x P participants joined on one relay for the memory probe (probe.sh): joins them, says
// "joined", waits --idle seconds, signals at --rate messages/s of --size bytes for --seconds (as the
// sustained mode does), says "loaded", waits --hold seconds and leaves. probe.sh reads the server's
// figures at each of those lines, so the idle and loaded figures come from one server.
// Usage: node hold.js --target meetsite --origin http://127.0.0.1:5180 [--rooms 100 --participants 4
//          --idle 20 --size 300 --rate 8000 --seconds 60 --hold 30]
import { parseArgs } from 'node:util';
import { closeAll, connectAll } from '../generator/connect-all.js';
import { payloadFactory } from '../generator/load-step.js';
import { openTarget } from '../generator/targets/index.js';

const { values: a } = parseArgs({
  options: {
    target: { type: 'string' }, origin: { type: 'string' },
    rooms: { type: 'string', default: '100' }, participants: { type: 'string', default: '4' },
    idle: { type: 'string', default: '20' }, size: { type: 'string', default: '300' },
    rate: { type: 'string', default: '8000' }, seconds: { type: 'string', default: '60' },
    hold: { type: 'string', default: '30' },
  },
});
const [rooms, perRoom, idle, size, rate, seconds, hold] =
  [a.rooms, a.participants, a.idle, a.size, a.rate, a.seconds, a.hold].map(Number);
const sleep = (s) => new Promise((r) => setTimeout(r, s * 1000));
const STEP = 1;

const target = await openTarget(a.target, 'websocket', a.origin);
const participants = await connectAll(target, await target.rooms(rooms, perRoom), perRoom);
let delivered = 0;
for (const p of participants) p.onSignal = () => { delivered++; };
console.log(`joined ${participants.length}`);
await sleep(idle);

const payload = payloadFactory(STEP, size);
const started = performance.now();
let sent = 0;
let turn = 0;
await new Promise((resolve) => {
  const tick = () => {
    const now = performance.now();
    if (now - started >= seconds * 1000) { resolve(); return; }
    const due = Math.floor(((now - started) / 1000) * rate);
    while (sent < due) {
      const sender = participants[turn++ % participants.length];
      sender.send(sender.nextPeer(), payload());
      sent++;
    }
    setTimeout(tick, 1);
  };
  tick();
});
await sleep(2);
console.log(`loaded sent ${sent} delivered ${delivered}`);
await sleep(hold);
await closeAll(participants);
process.exit(0);
