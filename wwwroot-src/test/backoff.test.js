import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_BACKOFF, moveRetryDelay } from '../js/backoff.js';

test('the first retry waits between half a step and a step', () => {
  assert.equal(backoffDelay(0, DEFAULT_BACKOFF, () => 0), 250);
  assert.equal(backoffDelay(0, DEFAULT_BACKOFF, () => 0.999999), 500);
});

test('each attempt doubles the step', () => {
  const low = (attempt) => backoffDelay(attempt, { baseMs: 100, maxMs: 1e9 }, () => 0);
  assert.deepEqual([0, 1, 2, 3].map(low), [50, 100, 200, 400]);
});

test('the step is capped', () => {
  assert.equal(backoffDelay(30, { baseMs: 500, maxMs: 15000 }, () => 0.999999), 15000);
  assert.equal(backoffDelay(30, { baseMs: 500, maxMs: 15000 }, () => 0), 7500);
});

test('jitter spreads clients that retry at the same attempt', () => {
  const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(4)));
  assert.ok(delays.size > 10, `only ${delays.size} distinct delays`);
  for (const delay of delays) assert.ok(delay >= 4000 && delay <= 8000, String(delay));
});

test('after a move, retries come every 100 to 200 ms, spread by jitter', () => {
  assert.equal(moveRetryDelay(() => 0), 100);
  assert.equal(moveRetryDelay(() => 0.999999), 200);
  assert.ok(new Set(Array.from({ length: 50 }, () => moveRetryDelay())).size > 10);
});
