// The meeting page's set-up timeline (wwwroot-src/js/call-timeline.js: User Timing marks named
// `call:<step>`, detail {peer}) as the call set-up bench reads it: the marks of every participant's page,
// put on one clock (each page's timeOrigin + startTime) and counted from the last joiner's "Join now".

/** Runs in a page: its timeOrigin and its `call:` marks. */
export function readPageMarks() {
  return {
    timeOrigin: performance.timeOrigin,
    marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('call:'))
      .map((m) => ({ step: m.name.slice('call:'.length), at: m.startTime, detail: m.detail ?? {} })),
  };
}

const round1 = (ms) => Math.round(ms * 10) / 10;

/** `{step: ms}` of the first time each of `marks` (those `keep` accepts) happened, from `zero` (epoch ms). */
function firstOfEach(page, zero, keep) {
  const steps = {};
  for (const { step, at, detail } of page.marks) {
    if (!keep(detail)) continue;
    const ms = round1(page.timeOrigin + at - zero);
    if (!(step in steps) || ms < steps[step]) steps[step] = ms;
  }
  return steps;
}

const selfIdOf = (page) => page.marks.find((m) => m.step === 'welcome')?.detail.self ?? null;

/**
 * One call's timeline. `joiner` and each of `others` are `{name, page}` with `page` from readPageMarks.
 * Returns `{page: {step: ms}, peers: [{name, polite, steps, remote}]}`: `page` the joiner's own steps,
 * `steps` the joiner's steps for one peer, `remote` that peer's steps for the joiner, all in ms from the
 * joiner's `join-clicked` (null when the joiner's page has no such mark).
 */
export function callTimeline(joiner, others) {
  const clicked = joiner.page.marks.find((m) => m.step === 'join-clicked');
  if (!clicked) return null;
  const zero = joiner.page.timeOrigin + clicked.at;
  const joinerId = selfIdOf(joiner.page);
  return {
    page: firstOfEach(joiner.page, zero, (d) => !('peer' in d) || d.peer === null),
    peers: others.map(({ name, page }) => {
      const id = selfIdOf(page);
      const created = joiner.page.marks.find((m) => m.step === 'peer-created' && m.detail.peer === id);
      return {
        name,
        polite: created?.detail.polite ?? null,
        steps: firstOfEach(joiner.page, zero, (d) => id !== null && d.peer === id),
        remote: firstOfEach(page, zero, (d) => joinerId !== null && d.peer === joinerId),
      };
    }),
  };
}

const median = (xs) => {
  if (!xs.length) return null;
  const sorted = [...xs].sort((x, y) => x - y);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

/**
 * Medians over calls (`timelines` from callTimeline): for the joiner's own steps the median time; for each
 * per-peer step (`peer.<step>` on the joiner's page, `remote.<step>` on the peers') the median of the
 * earliest peer to reach it (`first`) and of the last (`last`, from the calls where every peer reached it).
 */
export function medianTimeline(timelines) {
  const calls = timelines.filter(Boolean);
  const page = {};
  for (const step of new Set(calls.flatMap((t) => Object.keys(t.page)))) {
    page[step] = median(calls.filter((t) => step in t.page).map((t) => t.page[step]));
  }
  const perPeer = {};
  for (const side of ['steps', 'remote']) {
    const prefix = side === 'steps' ? 'peer' : 'remote';
    for (const step of new Set(calls.flatMap((t) => t.peers.flatMap((p) => Object.keys(p[side]))))) {
      const firsts = [];
      const lasts = [];
      for (const t of calls) {
        const times = t.peers.map((p) => p[side][step]).filter((ms) => ms !== undefined);
        if (times.length) firsts.push(Math.min(...times));
        if (times.length === t.peers.length) lasts.push(Math.max(...times));
      }
      perPeer[`${prefix}.${step}`] = { first: median(firsts), last: median(lasts) };
    }
  }
  const key = (v) => (typeof v === 'number' ? v : v.first ?? Infinity);
  const byTime = (entries) => Object.fromEntries(entries.sort(([, x], [, y]) => key(x) - key(y)));
  return { page: byTime(Object.entries(page)), peers: byTime(Object.entries(perPeer)) };
}
