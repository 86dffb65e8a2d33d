// The per-window ledger of a sustained run. A message belongs to the window it was sent in, so a stall
// shows as the late deliveries of the window it happened in, and sent, delivered and lost of a window
// add up. Latency percentiles are over that window's delivered messages.
import { Latencies } from '../generator/latency.js';

export class Windows {
  #started;
  #windowMs;
  #rows;

  /** `started`: performance.now() when the load began; `count` windows of `windowMs` each. */
  constructor(started, windowMs, count) {
    this.#started = started;
    this.#windowMs = windowMs;
    this.#rows = Array.from({ length: count }, () => ({ sent: 0, delivered: 0, latencies: new Latencies() }));
  }

  /** The window a moment (performance.now()) falls in; moments after the last window count in it. */
  indexAt(now) {
    return Math.max(0, Math.min(this.#rows.length - 1, Math.floor((now - this.#started) / this.#windowMs)));
  }

  sent(now) {
    this.#rows[this.indexAt(now)].sent++;
  }

  delivered(sentAt, now) {
    const row = this.#rows[this.indexAt(sentAt)];
    row.delivered++;
    row.latencies.add(now - sentAt);
  }

  get outstanding() {
    return this.#rows.reduce((n, r) => n + r.sent - r.delivered, 0);
  }

  /** One plain row per window: counts and latency percentiles (null when nothing was delivered). */
  summary() {
    return this.#rows.map((r, window) => ({
      window, sent: r.sent, delivered: r.delivered, lost: r.sent - r.delivered, ...r.latencies.summary(),
    }));
  }
}
