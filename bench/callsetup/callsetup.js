// Call set-up: for 2 and for 4 participants, the others join a fresh meeting first, then the last one
// clicks "Join now"; the time until its page shows a decoded frame of a remote video (the first one,
// and all n-1 of them). Median of --runs. Needs the meeting page ("Join now", tiles role="figure"
// labelled with display names, a <video> inside); without it the result says unmeasured.
// Usage: node callsetup.js --origin http://127.0.0.1:5180 --shim .../browser-shim.js [--runs 5 --out results/callsetup.json]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { newMeeting, signIn } from '../generator/targets/meetsite-accounts.js';
import { launchChromium, newParticipantContext } from './browser.js';

const { values: a } = parseArgs({
  options: {
    origin: { type: 'string' }, shim: { type: 'string' }, runs: { type: 'string', default: '5' },
    sizes: { type: 'string', default: '2,4' }, out: { type: 'string', default: 'results/callsetup.json' },
  },
});
const STEP_MS = 20_000;
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];

/** In the page: how many remote tiles (not labelled with my name) have a video that decoded a frame. */
function remoteFramesShown(myName) {
  return [...document.querySelectorAll('[role="figure"]')]
    .filter((tile) => !(tile.getAttribute('aria-label') ?? '').startsWith(myName))
    .map((tile) => tile.querySelector('video'))
    .filter((v) => v && v.videoWidth > 0 && (v.getVideoPlaybackQuality?.().totalVideoFrames ?? 0) > 0).length;
}

async function openLobby(browser, user, code) {
  const context = await newParticipantContext(browser, a.origin, user.cookie, a.shim);
  const page = await context.newPage();
  await page.goto(`${a.origin}/m/${code}`);
  const join = page.getByRole('button', { name: 'Join now' });
  await join.waitFor({ timeout: STEP_MS });
  return { context, page, join, name: user.name };
}

async function oneCall(browser, users, owner, n) {
  const code = await newMeeting(a.origin, owner);
  const people = [];
  try {
    for (const user of users.slice(0, n)) people.push(await openLobby(browser, user, code));
    for (const early of people.slice(0, -1)) await early.join.click();
    const last = people.at(-1);
    const clicked = performance.now();
    await last.join.click();
    await last.page.waitForFunction(remoteFramesShown, last.name, { polling: 10, timeout: STEP_MS });
    const first = performance.now() - clicked;
    await last.page.waitForFunction(([name, count]) => remoteFramesShown(name) >= count,
      [last.name, n - 1], { polling: 10, timeout: STEP_MS }).catch(() => null);
    return { first_ms: Math.round(first), all_ms: Math.round(performance.now() - clicked) };
  } finally {
    for (const p of people) await p.context.close();
  }
}

let result;
const browser = await launchChromium();
try {
  const users = [];
  for (let i = 0; i < 4; i++) users.push({ cookie: (await signIn(a.origin, `call-${i}`)).header(), name: `Bench call-${i}` });
  const owner = await signIn(a.origin, 'owner');
  const probe = await fetch(`${a.origin}/m/${await newMeeting(a.origin, owner)}`, { headers: { cookie: users[0].cookie } });
  if (!(await probe.text()).includes('Join now')) {
    result = { unmeasured: 'the meeting page has no "Join now" button on this build (the meeting-page issue is not merged yet)' };
  } else {
    const rows = [];
    for (const n of a.sizes.split(',').map(Number)) {
      const runs = [];
      for (let r = 0; r < Number(a.runs); r++) runs.push(await oneCall(browser, users, owner, n));
      const row = {
        participants: n,
        median_ms: median(runs.map((x) => x.first_ms)),
        median_all_ms: median(runs.map((x) => x.all_ms)),
        runs_ms: runs.map((x) => x.first_ms),
        runs_all_ms: runs.map((x) => x.all_ms),
      };
      console.error(JSON.stringify(row));
      rows.push(row);
    }
    result = { what: '"Join now" click by the last to join, to a decoded frame of the first remote video (median_ms) and of all of them (median_all_ms)', rows };
  }
} finally {
  await browser.close();
}
writeFileSync(a.out, JSON.stringify(result, null, 2) + '\n');
console.error(JSON.stringify(result));
