// Page load on a slow link: Chromium's network emulation (150 ms round trip, 1.6 Mbit/s each way) on
// the meeting page, cold (a new browser context: empty cache) and warm (the same context opening it
// again). Per run: navigation start to "Join now" ready (the page's script has run and the lobby has its
// camera: the button is enabled and the camera picker filled), the "Join now" click to the welcome (the
// own tile appears), and the bytes that came over the network (CDP encodedDataLength: headers and
// compressed bodies) up to each of those two points. Medians of --runs, each run on a fresh meeting.
// Usage: node pageload.js --origin http://127.0.0.1:5187 --shim .../browser-shim.js [--runs 5 --out results/pageload.json]
// An https origin with a self-signed certificate needs NODE_TLS_REJECT_UNAUTHORIZED=0 (run.sh --https sets it).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { newMeeting, signIn } from '../generator/targets/meetsite-accounts.js';
import { launchChromium, newParticipantContext } from '../callsetup/browser.js';

const { values: a } = parseArgs({
  options: {
    origin: { type: 'string' }, shim: { type: 'string' }, runs: { type: 'string', default: '5' },
    out: { type: 'string', default: 'results/pageload.json' }, label: { type: 'string', default: '' },
    protocol: { type: 'string', default: 'HTTP/1.1' },
    waterfall: { type: 'boolean', default: false },
  },
});
const RTT_MS = 150;
const BYTES_PER_S = 1_600_000 / 8;
const STEP_MS = 60_000;
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];

// In the page from its first byte: the moments (performance.now(), from navigation start) of "Join now"
// ready, its click, and the welcome.
function markMoments() {
  const marks = (window.__pageload = { ready: null, clicked: null, welcome: null });
  const check = () => {
    const join = document.querySelector('[data-join]');
    const camera = document.querySelector('[data-device="camera"]');
    if (marks.ready === null && join && !join.disabled && camera && !camera.disabled) marks.ready = performance.now();
    if (marks.welcome === null && document.querySelector('.tile--self')) marks.welcome = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('click', (event) => {
    if (marks.clicked === null && event.target.closest?.('[data-join]')) marks.clicked = performance.now();
  }, true);
}

/** Opens the meeting in `page`, joins, and returns the timings and bytes of that visit. */
async function visit(page, bytes, url) {
  bytes.total = 0;
  bytes.requests = 0;
  await page.goto(url, { waitUntil: 'commit', timeout: STEP_MS });
  await page.waitForFunction(() => window.__pageload?.ready !== null, null, { polling: 20, timeout: STEP_MS });
  const ready = await page.evaluate(() => window.__pageload.ready);
  const atReady = { bytes: bytes.total, requests: bytes.requests };
  await page.getByRole('button', { name: 'Join now' }).click();
  await page.waitForFunction(() => window.__pageload.welcome !== null, null, { polling: 20, timeout: STEP_MS });
  const { clicked, welcome } = await page.evaluate(() => window.__pageload);
  await page.waitForTimeout(500); // the last responses' loadingFinished events
  return {
    ready_ms: Math.round(ready),
    join_to_welcome_ms: Math.round(welcome - clicked),
    bytes_to_ready: atReady.bytes,
    requests_to_ready: atReady.requests,
    bytes_to_welcome: bytes.total,
  };
}

async function oneRun(browser, user, owner) {
  const url = `${a.origin}/m/${await newMeeting(a.origin, owner)}`;
  // https: the bench's own self-signed certificate (run.sh --https).
  const context = await newParticipantContext(browser, a.origin, user.cookie, a.shim, { ignoreHTTPSErrors: true });
  try {
    await context.addInitScript(markMoments);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const bytes = { total: 0, requests: 0 };
    const requests = new Map();
    cdp.on('Network.requestWillBeSent', ({ requestId, request, timestamp }) => {
      requests.set(requestId, { url: request.url.replace(a.origin, ''), sent: timestamp });
    });
    cdp.on('Network.responseReceived', ({ requestId, timestamp }) => {
      if (requests.has(requestId)) requests.get(requestId).response = timestamp;
    });
    cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength, timestamp }) => {
      bytes.total += encodedDataLength;
      bytes.requests += 1;
      if (requests.has(requestId)) Object.assign(requests.get(requestId), { finished: timestamp, bytes: encodedDataLength });
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: RTT_MS, downloadThroughput: BYTES_PER_S, uploadThroughput: BYTES_PER_S,
    });
    const cold = await visit(page, bytes, url);
    if (a.waterfall) printWaterfall(requests);
    const warm = await visit(page, bytes, url);
    return { cold, warm };
  } finally {
    await context.close();
  }
}

/** --waterfall: every request of the cold visit, in ms from the first one (sent, response, finished). */
function printWaterfall(requests) {
  const all = [...requests.values()];
  const start = Math.min(...all.map((r) => r.sent));
  const ms = (t) => (t === undefined ? '-' : String(Math.round((t - start) * 1000)).padStart(6));
  for (const r of all.sort((x, y) => x.sent - y.sent)) {
    console.error(`${ms(r.sent)} ${ms(r.response)} ${ms(r.finished)} ${String(r.bytes ?? '-').padStart(7)}  ${r.url.slice(0, 90)}`);
  }
}

function summary(runs) {
  const keys = Object.keys(runs[0]);
  return Object.fromEntries(keys.flatMap((k) => [[k, median(runs.map((r) => r[k]))], [`${k}_runs`, runs.map((r) => r[k])]]));
}

const browser = await launchChromium();
let result;
try {
  const owner = await signIn(a.origin, 'pageload-owner');
  const user = { cookie: (await signIn(a.origin, 'pageload-guest')).header() };
  const runs = [];
  for (let r = 0; r < Number(a.runs); r++) {
    runs.push(await oneRun(browser, user, owner));
    console.error(JSON.stringify(runs.at(-1)));
  }
  result = {
    what: 'meeting page over Chromium network emulation; medians (and every run) of: navigation start to "Join now" ready '
      + '(ready_ms), the "Join now" click to the welcome (join_to_welcome_ms), bytes over the network to each of those',
    build: a.label,
    network: { rtt_ms: RTT_MS, down_mbit_s: 1.6, up_mbit_s: 1.6, protocol: a.protocol },
    runs: Number(a.runs),
    cold: summary(runs.map((r) => r.cold)),
    warm: summary(runs.map((r) => r.warm)),
  };
} finally {
  await browser.close();
}
writeFileSync(a.out, JSON.stringify(result, null, 2) + '\n');
console.log(JSON.stringify(result, null, 2));
