import { test } from 'node:test';
import assert from 'node:assert/strict';
import { videoCaps } from '../js/quality.js';

test('one peer gets full resolution and a generous bitrate', () => {
  assert.deepEqual(videoCaps(1), { maxBitrate: 1_500_000, scaleResolutionDownBy: 1, maxFramerate: 30 });
});

test('caps never loosen as the mesh grows', () => {
  for (let peers = 1; peers < 7; peers += 1) {
    const now = videoCaps(peers);
    const next = videoCaps(peers + 1);
    assert.ok(next.maxBitrate <= now.maxBitrate, `bitrate at ${peers + 1}`);
    assert.ok(next.scaleResolutionDownBy >= now.scaleResolutionDownBy, `scale at ${peers + 1}`);
  }
});

test('eight participants (seven peers) fit a 2 Mbps uplink', () => {
  const { maxBitrate } = videoCaps(7);
  assert.ok(maxBitrate * 7 <= 2_000_000, String(maxBitrate * 7));
});

test('a shared screen keeps full resolution', () => {
  for (const peers of [1, 3, 7]) assert.equal(videoCaps(peers, { screen: true }).scaleResolutionDownBy, 1);
});

test('zero peers is treated as one', () => {
  assert.deepEqual(videoCaps(0), videoCaps(1));
});
