// Delays between reconnection attempts: exponential, capped, with "equal jitter" so that everyone
// dropped by the same server restart does not come back in the same instant, yet nobody waits
// less than half of the step.

export const DEFAULT_BACKOFF = Object.freeze({ baseMs: 500, maxMs: 15000 });

/** Milliseconds to wait before attempt number `attempt` (0 for the first retry). */
export function backoffDelay(attempt, { baseMs, maxMs } = DEFAULT_BACKOFF, random = Math.random) {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + random() * (step / 2));
}

// After the server said it is draining (close 4003, docs/signaling.md "Draining"), the next process is
// expected at once: retry every 100-200 ms, with jitter, for up to MOVE_RETRY.windowMs, then back off as usual.
export const MOVE_RETRY = Object.freeze({ stepMs: 200, windowMs: 15000 });

/** Milliseconds to wait before another attempt to reach the next process after a move. */
export function moveRetryDelay(random = Math.random, { stepMs } = MOVE_RETRY) {
  return Math.round(stepMs / 2 + random() * (stepMs / 2));
}
