// Which of the soak's messages had to arrive, and whether they did. Churn must not count as loss, so a
// message is owed only when its sender and its recipient both stayed joined for the drain after it was
// sent (a leave, or a drop, within the drain excuses it). Owed and not there by then: overdue; still
// not there when the run ends (every recipient has left): lost. One that turns up overdue is late.
export class Ledger {
  #drainMs;
  #sessions = new Map();
  #pending = new Map();
  #overdue = new Map();
  #latencies = [];
  // deliveries: one per signal, one per recipient of a chat; delivered: within the drain; excused: not,
  // but its sender or recipient left within it; never_welcomed: not, to a participant the relay
  // announced but whose welcome never reached us (its join timed out here, and counts as refused);
  // unmatched: arrived after being excused, or unknown.
  counts = { signals_sent: 0, chats_sent: 0, deliveries: 0, delivered: 0, excused: 0, never_welcomed: 0, late: 0, unmatched: 0 };

  constructor(drainMs) {
    this.#drainMs = drainMs;
  }

  /** A joined session, by the participant id the relay gave it; `leftAt` is set when it starts to leave. */
  joined(id, transport) {
    const session = { id, transport, leftAt: null };
    this.#sessions.set(id, session);
    return session;
  }

  /** One delivery owed (pending until the drain says so) to `to` of message `n` sent by `from` now. */
  expect(n, from, to) {
    this.#pending.set(`${n}>${to}`, { from, to, at: Date.now() });
    this.counts.deliveries++;
  }

  arrived(n, to) {
    const key = `${n}>${to}`;
    const entry = this.#pending.get(key) ?? this.#overdue.get(key);
    if (!entry) { this.counts.unmatched++; return; }
    if (this.#pending.delete(key)) this.counts.delivered++;
    else { this.#overdue.delete(key); this.counts.late++; }
    this.#latencies.push(Date.now() - entry.at);
  }

  /** Decides every message sent more than a drain ago: owed (then delivered or overdue) or excused. */
  settle(now = Date.now()) {
    for (const [key, entry] of this.#pending) {
      const due = entry.at + this.#drainMs;
      if (due > now) break;
      this.#pending.delete(key);
      if (!this.#sessions.has(entry.to)) {
        this.counts.never_welcomed++;
      } else if (this.#stayed(entry.from, due) && this.#stayed(entry.to, due)) {
        this.#overdue.set(key, entry);
      } else {
        this.counts.excused++;
      }
    }
  }

  #stayed(id, until) {
    const leftAt = this.#sessions.get(id).leftAt;
    return leftAt === null || leftAt >= until;
  }

  /** Owed and not (yet) delivered. After the last leave and a drain, this is the loss. */
  get overdue() {
    return this.#overdue.size;
  }

  /** The overdue deliveries by the transports of sender and recipient, e.g. `websocket>longpolling`. */
  overdueByTransport() {
    const by = {};
    for (const { from, to } of this.#overdue.values()) {
      const key = `${this.#sessions.get(from).transport}>${this.#sessions.get(to).transport}`;
      by[key] = (by[key] ?? 0) + 1;
    }
    return by;
  }

  /** Delivery latencies since the last call, p50 and p99 in ms. */
  takeLatency() {
    const sorted = this.#latencies.sort((a, b) => a - b);
    this.#latencies = [];
    const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null);
    return { p50_ms: at(0.5), p99_ms: at(0.99), max_ms: sorted.at(-1) ?? null };
  }
}
