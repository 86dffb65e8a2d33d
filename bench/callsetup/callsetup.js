// Call set-up: for 2 and for 4 participants, the others join a fresh meeting first and see each other's
// video, then the last one clicks "Join now"; the time until its page shows a decoded frame of a remote
// video (the first one, and all n-1 of them). Median of --runs. Every run also reads the meeting page's
// set-up marks (wwwroot-src/js/call-timeline.js) from all the pages, as a per-peer timeline from the
// click (timeline.js). Needs the meeting page ("Join now", tiles role="figure" labelled with display
// names, a <video> inside); without it the result says unmeasured.
// Usage: node callsetup.js --origin http://127.0.0.1:5180 --shim .../browser-shim.js [--runs 5 --out results/callsetup.json]
//   [--camera 320x240]  a fake camera of that size instead of Chromium's own (which gives the 1280x720 asked for)
//   [--overlap]         the last one clicks as soon as the others have clicked, while their calls still set up
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { newMeeting, signIn } from '../generator/targets/meetsite-accounts.js';
import { launchChromium, newParticipantContext } from './browser.js';
import { callTimeline, medianTimeline, readPageMarks } from './timeline.js';

const { values: a } = parseArgs({
  options: {
    origin: { type: 'string' }, shim: { type: 'string' }, runs: { type: 'string', default: '5' },
    sizes: { type: 'string', default: '2,4' }, out: { type: 'string', default: 'results/callsetup.json' },
    camera: { type: 'string' }, overlap: { type: 'boolean', default: false },
  },
});
// A wait longer than this ends the run as timed out (null in runs_ms); a busy 2-core machine took 30 s.
const STEP_MS = 60_000;
const median = (xs) => (xs.length ? [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)] : null);
const camera = a.camera ? (([width, height]) => ({ width, height }))(a.camera.split('x').map(Number)) : null;
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

/** In the page: whether at least `count` remote tiles (not labelled with my name) have a video that decoded a frame. */
function remoteFramesShown([myName, count]) {
  return [...document.querySelectorAll('[role="figure"]')]
    .filter((tile) => !(tile.getAttribute('aria-label') ?? '').startsWith(myName))
    .map((tile) => tile.querySelector('video'))
    .filter((v) => v && v.videoWidth > 0 && (v.getVideoPlaybackQuality?.().totalVideoFrames ?? 0) > 0).length >= count;
}

const framesShown = (person, count) =>
  person.page.waitForFunction(remoteFramesShown, [person.name, count], { polling: 10, timeout: STEP_MS });

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
    const early = people.slice(0, -1);
    for (const person of early) await person.join.click();
    // settled: whether the others saw each other's video within STEP_MS before the click (with --overlap, not asked).
    const settled = a.overlap ? null : await Promise.all(early.map((person) => framesShown(person, early.length - 1))).then(() => true, () => false);
    const last = people.at(-1);
    const clicked = performance.now();
    await last.join.click();
    const first = await framesShown(last, 1).then(() => Math.round(performance.now() - clicked), () => null);
    const all = await framesShown(last, n - 1).then(() => Math.round(performance.now() - clicked), () => null);
    const pages = await Promise.all(people.map(async (p) => ({ name: p.name, page: await p.page.evaluate(readPageMarks) })));
    const timeline = callTimeline(pages.at(-1), pages.slice(0, -1));
    return { first_ms: first, all_ms: all, settled, timeline };
  } finally {
    for (const p of people) await p.context.close();
  }
}

/** The median timeline as lines of text: the joiner's steps, then per-peer steps (earliest / last peer). */
function timelineText({ page, peers }) {
  const lines = Object.entries(page).map(([step, ms]) => `  ${step.padEnd(28)} ${ms}`);
  for (const [step, { first, last }] of Object.entries(peers)) lines.push(`  ${step.padEnd(28)} ${first} / ${last ?? '-'}`);
  return lines.join('\n');
}

let result;
const browser = await launchChromium({ camera });
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
      const loadBefore = load();
      const runs = [];
      for (let r = 0; r < Number(a.runs); r++) runs.push(await oneCall(browser, users, owner, n));
      const row = {
        participants: n,
        median_ms: median(runs.map((x) => x.first_ms).filter((ms) => ms !== null)),
        median_all_ms: median(runs.map((x) => x.all_ms).filter((ms) => ms !== null)),
        timed_out: runs.filter((x) => x.all_ms === null).length,
        unsettled: runs.filter((x) => x.settled === false).length,
        runs_ms: runs.map((x) => x.first_ms),
        runs_all_ms: runs.map((x) => x.all_ms),
        load_before: loadBefore,
        load_after: load(),
        timeline: medianTimeline(runs.map((x) => x.timeline)),
        runs_timeline: runs.map((x) => x.timeline),
      };
      console.error(JSON.stringify({ ...row, timeline: undefined, runs_timeline: undefined }));
      console.error(`median timeline, ${n} participants (ms from the click; per peer: earliest / last peer):\n${timelineText(row.timeline)}`);
      rows.push(row);
    }
    result = {
      what: '"Join now" click by the last to join, to a decoded frame of the first remote video (median_ms) and of all of them (median_all_ms)',
      camera: camera ? `${camera.width}x${camera.height} (a Y4M file)` : "Chromium's fake camera (1280x720 asked for)",
      others_settled: !a.overlap,
      timeline_what: 'ms from the joiner\'s "Join now" (its page\'s call:join-clicked mark): page = the joiner\'s own steps; peers = "peer.<step>" on the joiner\'s page for one peer, "remote.<step>" on that peer\'s page for the joiner, median over runs of the earliest peer (first) and of the last (last)',
      rows,
    };
  }
} finally {
  await browser.close();
}
writeFileSync(a.out, JSON.stringify(result, null, 2) + '\n');
console.error(JSON.stringify({ ...result, rows: result.rows?.map((r) => ({ ...r, timeline: undefined, runs_timeline: undefined })) }));
