import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextSpeakingState, rms } from '../js/speaking.js';

const quiet = { speaking: false, lastLoud: 0 };

test('a loud sample turns speaking on at once', () => {
  assert.deepEqual(nextSpeakingState(quiet, 0.2, 1000), { speaking: true, lastLoud: 1000 });
});

test('a short pause between words keeps the highlight', () => {
  const talking = { speaking: true, lastLoud: 1000 };
  assert.equal(nextSpeakingState(talking, 0, 1400).speaking, true);
});

test('a longer silence turns it off', () => {
  const talking = { speaking: true, lastLoud: 1000 };
  assert.equal(nextSpeakingState(talking, 0, 1700).speaking, false);
});

test('silence never turns it on', () => {
  assert.equal(nextSpeakingState(quiet, 0.001, 5000).speaking, false);
});

test('rms of a square wave is its amplitude', () => {
  assert.ok(Math.abs(rms([0.5, -0.5, 0.5, -0.5]) - 0.5) < 1e-9);
  assert.equal(rms([]), 0);
});
