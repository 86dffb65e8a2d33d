import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkFigures, qualityLevel, shownLevel, uplinkOf } from '../js/link-quality.js';

const clean = { rttMs: 40, lossPct: 0, jitterMs: 5, fps: 30 };

test('a clean link is good', () => {
  assert.equal(qualityLevel(clean, { camera: true }), 'good');
});

test('each figure alone can make a link fair or poor', () => {
  const cases = [
    [{ rttMs: 300 }, 'fair'], [{ rttMs: 650 }, 'poor'],
    [{ lossPct: 3 }, 'fair'], [{ lossPct: 10 }, 'poor'],
    [{ jitterMs: 40 }, 'fair'], [{ jitterMs: 120 }, 'poor'],
    [{ fps: 8 }, 'fair'], [{ fps: 2 }, 'poor'],
  ];
  for (const [change, level] of cases) {
    assert.equal(qualityLevel({ ...clean, ...change }, { camera: true }), level, JSON.stringify(change));
  }
});

test('the worst figure wins', () => {
  assert.equal(qualityLevel({ rttMs: 300, lossPct: 10, jitterMs: 5 }), 'poor');
});

test('10% loss with 300 ms of delay is poor', () => {
  assert.equal(qualityLevel({ rttMs: 300, lossPct: 10, jitterMs: 20, fps: 20 }, { camera: true }), 'poor');
});

test('a low frame rate only counts for a camera', () => {
  assert.equal(qualityLevel({ ...clean, fps: 2 }), 'good');
  assert.equal(qualityLevel({ ...clean, fps: 2 }, { camera: true }), 'poor');
});

test('nothing known is no level, unknown figures are skipped', () => {
  assert.equal(qualityLevel({ rttMs: null, lossPct: null, jitterMs: null, fps: null }), null);
  assert.equal(qualityLevel(null), null);
  assert.equal(qualityLevel({ rttMs: 20, lossPct: null, jitterMs: Number.NaN }), 'good');
});

test('the shown level drops at once and rises only after two better samples', () => {
  assert.equal(shownLevel(['good', 'poor']), 'poor');
  assert.equal(shownLevel(['good', 'poor', 'good']), 'poor');
  assert.equal(shownLevel(['good', 'poor', 'good', 'good']), 'good');
  assert.equal(shownLevel(['poor', 'fair', 'fair']), 'fair');
});

test('the first sample and a link without figures are shown as they are', () => {
  assert.equal(shownLevel([]), null);
  assert.equal(shownLevel(['fair']), 'fair');
  assert.equal(shownLevel(['poor', null]), null);
  assert.equal(shownLevel([null, 'good']), 'good');
});

// A Chromium-like report: selected pair, audio and video in both directions.
function report({ received, lost, frames, at, rtt = 0.05, fractionLost = 0, jitter = 0.004, fps = 30 }) {
  return new Map(Object.entries({
    T: { id: 'T', type: 'transport', selectedCandidatePairId: 'P' },
    P: { id: 'P', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: rtt },
    IA: { id: 'IA', type: 'inbound-rtp', kind: 'audio', packetsReceived: received.audio, packetsLost: lost.audio, jitter, timestamp: at },
    IV: { id: 'IV', type: 'inbound-rtp', kind: 'video', packetsReceived: received.video, packetsLost: lost.video, jitter: 0.02, framesDecoded: frames, timestamp: at },
    RA: { id: 'RA', type: 'remote-inbound-rtp', kind: 'audio', fractionLost, roundTripTime: rtt, jitter },
    RV: { id: 'RV', type: 'remote-inbound-rtp', kind: 'video', fractionLost: fractionLost / 2, roundTripTime: rtt, jitter: 0.03 },
    OV: { id: 'OV', type: 'outbound-rtp', kind: 'video', framesPerSecond: fps, framesSent: 600 },
  }));
}

test('figures come from the interval between two samples', () => {
  const first = linkFigures(report({ received: { audio: 100, video: 900 }, lost: { audio: 0, video: 0 }, frames: 60, at: 10_000 }));
  assert.equal(first.down.lossPct, null, 'no interval yet');
  assert.equal(first.down.fps, null);
  assert.equal(first.down.rttMs, 50);

  const second = linkFigures(
    report({ received: { audio: 190, video: 1710 }, lost: { audio: 10, video: 9 }, frames: 100, at: 12_000, rtt: 0.35, fractionLost: 0.1 }),
    first.counters);
  assert.equal(second.down.lossPct, 10); // audio: 10 lost of 100; video's 9 of 819 do not dilute it
  assert.equal(second.down.fps, 20); // 40 frames in 2 s
  assert.equal(second.down.jitterMs, 4); // audio's jitter, not video's
  assert.equal(second.down.rttMs, 350);
  assert.equal(second.up.lossPct, 10); // the peer's report on our audio, not on our video (5%)
  assert.equal(second.up.rttMs, 350);
  assert.equal(second.up.fps, 30);
  assert.equal(qualityLevel(second.down, { camera: true }), 'poor');
});

test('video alone counts when no audio arrives (a muted microphone)', () => {
  const first = linkFigures(report({ received: { audio: 0, video: 900 }, lost: { audio: 0, video: 0 }, frames: 60, at: 1000 }));
  const second = linkFigures(report({ received: { audio: 0, video: 1800 }, lost: { audio: 0, video: 100 }, frames: 120, at: 3000 }), first.counters);
  assert.equal(second.down.lossPct, 10);
});

test('an interval without packets (the peer sends nothing) has no loss figure', () => {
  const sample = { received: { audio: 0, video: 0 }, lost: { audio: 0, video: 0 }, frames: 0 };
  const first = linkFigures(report({ ...sample, at: 1000 }));
  const second = linkFigures(report({ ...sample, at: 3000 }), first.counters);
  assert.equal(second.down.lossPct, null);
});

test('an empty report knows nothing', () => {
  const { down, up } = linkFigures(new Map());
  assert.equal(qualityLevel(down), null);
  assert.equal(qualityLevel(up), null);
});

test('the uplink is the best of the peers: bad only when bad towards everyone', () => {
  const bad = { rttMs: 300, lossPct: 10 };
  assert.equal(uplinkOf([bad, clean]).level, 'good');
  assert.equal(uplinkOf([bad, bad]).level, 'poor');
  assert.deepEqual(uplinkOf([bad]).figures, bad);
  assert.equal(uplinkOf([{ rttMs: null }]), null);
  assert.equal(uplinkOf([]), null);
});
