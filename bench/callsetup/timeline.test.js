import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callTimeline, medianTimeline } from './timeline.js';

const mark = (step, at, detail = { peer: null }) => ({ step, at, detail });

// The joiner's page started at epoch 1000 ms, the peer's at 400 ms: one clock is their sum.
const joiner = {
  name: 'J',
  page: {
    timeOrigin: 1000,
    marks: [
      mark('join-clicked', 100), mark('welcome', 300, { self: 'j', peers: 1 }),
      mark('peer-created', 310, { peer: 'p', polite: false }), mark('offer-sent', 350, { peer: 'p' }),
      mark('offer-sent', 900, { peer: 'p' }), // a renegotiation later: the first one counts
      mark('first-frame', 800, { peer: 'p' }),
    ],
  },
};
const peer = {
  name: 'P',
  page: {
    timeOrigin: 400,
    marks: [mark('welcome', 10, { self: 'p', peers: 0 }), mark('first-frame', 50, { peer: 'other' }), mark('offer-received', 760, { peer: 'j' })],
  },
};

test('a call timeline counts from the joiner\'s click on one clock, first occurrence per step and peer', () => {
  const t = callTimeline(joiner, [peer]);
  assert.deepEqual(t.page, { 'join-clicked': 0, welcome: 200 });
  assert.deepEqual(t.peers, [{
    name: 'P',
    polite: false,
    steps: { 'peer-created': 210, 'offer-sent': 250, 'first-frame': 700 },
    remote: { 'offer-received': 60 },
  }]);
});

test('a page without the click mark (a build before the marks) has no timeline', () => {
  assert.equal(callTimeline({ name: 'J', page: { timeOrigin: 0, marks: [] } }, [peer]), null);
});

test('the median timeline takes the earliest and the last peer of each call, last only where all peers got there', () => {
  const call = (a, b) => ({ page: { welcome: a }, peers: [{ steps: { 'first-frame': a }, remote: {} }, { steps: b === null ? {} : { 'first-frame': b }, remote: {} }] });
  const m = medianTimeline([call(100, 300), call(200, 400), call(150, null), null]);
  assert.deepEqual(m.page, { welcome: 150 });
  assert.deepEqual(m.peers, { 'peer.first-frame': { first: 150, last: 300 } });
});
