// The signaling protocol client (docs/signaling.md), apart from any page: joins a meeting, delivers
// each server message once and in order, acknowledges, and resumes after a drop with backoff.
//
// Events (CustomEvent, message in `detail`): `status` ({state, transport, error}), `welcome`, `reset`
// (the resume failed and this is a fresh participant: drop all peer state), and one per server message
// type: `joined`, `left`, `signal`, `media`, `chat`, `error`, and the meeting controls' `waiting`,
// `waiting-room`, `hands`, `role`, `settings`, `muted`, `removed`, `denied`, `ended`. After `removed`,
// `denied` or `ended` the client is closed, with that message's type as the error's code.

import { backoffDelay, MOVE_RETRY, moveRetryDelay } from './backoff.js';
import * as msg from './messages.js';
import { openTransport } from './transport.js';
import { transportOrder } from './transport-choice.js';
import { MOVING_CLOSE_CODE } from './transport-error.js';

// Acknowledge every ACK_EVERY messages, or within ACK_DELAY_MS of the first unacknowledged one.
export const ACK_DELAY_MS = 500;
export const ACK_EVERY = 32;
// The server ends a session on these; anything else (1001, 1006, 4002, ...) is a drop worth resuming.
// On MOVING_CLOSE_CODE (the server is draining) the resume goes at once, and retries fast (see backoff.js).
const FINAL_CLOSE_CODES = new Set([1000, 1008]);

export class SignalingClient extends EventTarget {
  #code;
  #forced;
  #open;
  #transport = null;
  #webSocketFailed = false;
  #you = null;
  #token = null;
  #lastSeq = 0;
  #acked = 0;
  #ackTimer = 0;
  #outbox = [];
  #media = msg.mediaState();
  #state = 'idle';
  #hadSession = false;
  #sleep;

  /** `forced`: a transport kind from the URL, or null. `open` and `sleep` are injectable for tests. */
  constructor(code, { forced = null, open = openTransport, sleep = wait } = {}) {
    super();
    this.#code = code;
    this.#forced = forced;
    this.#open = open;
    this.#sleep = sleep;
  }

  get you() { return this.#you; }
  get state() { return this.#state; }
  get transportKind() { return this.#transport?.kind ?? null; }

  /**
   * Joins; resolves with the first answer, a `welcome` or (someone asking to join) `waiting`, whose
   * `welcome` follows when a host admits them. Retries with backoff unless the failure is final. After
   * a denial, calling it again asks again.
   */
  async join({ media } = {}) {
    this.#media = msg.mediaState(media);
    this.#setState('connecting');
    return this.#connect(null);
  }

  /** Sends a message, holding it while the connection resumes so nothing is lost to a short drop. */
  send(message) {
    if (this.#state === 'connected' && this.#transport?.send(message)) return;
    if (this.#state !== 'closed') this.#outbox.push(message);
  }

  signal(to, data) { this.send(msg.signalMessage(to, data)); }

  setMedia(media) {
    this.#media = msg.mediaState(media);
    this.send(msg.mediaMessage(this.#media));
  }

  chat(text) {
    const message = msg.chatMessage(text);
    if (message) this.send(message);
    return message !== null;
  }

  /** Leaves the meeting for good. */
  leave() {
    const transport = this.#transport;
    this.#transport = null;
    this.#setState('closed');
    clearTimeout(this.#ackTimer);
    transport?.leave();
  }

  /**
   * `moving`: the transport kind the server asked to move from (close 4003). For MOVE_RETRY.windowMs
   * attempts follow each other fast and keep to that kind (a draining process refuses a WebSocket with a
   * 503 that looks like a blocked one); then the usual backoff and order.
   */
  async #connect(resume, moving = null) {
    const movingUntil = moving ? Date.now() + MOVE_RETRY.windowMs : 0;
    for (let attempt = 0, slow = 0; this.#state !== 'closed'; attempt += 1) {
      const fast = Date.now() < movingUntil;
      if (attempt > 0) await this.#sleep(fast ? moveRetryDelay() : backoffDelay(slow++));
      if (this.#state === 'closed') break;
      const join = msg.joinMessage({ media: this.#media, resume });
      let result;
      try {
        const order = fast ? [moving] : transportOrder({ forced: this.#forced, webSocketFailed: this.#webSocketFailed });
        result = await this.#open(this.#code, join, order, { lastSeq: () => this.#lastSeq });
      } catch (error) {
        if (error.fatal) throw this.#fail(error);
        if (error.code === 'resume-failed') {
          resume = null; // Long-polling refuses a stale resume with a 400 error body: join afresh.
          attempt = -1;
          slow = 0;
        }
        continue;
      }
      if (this.#state === 'closed') {
        result.transport.leave();
        break;
      }
      const { transport, first } = result;
      if (first.type === 'error' && first.code === 'resume-failed') {
        transport.close();
        resume = null; // Join afresh: the others have seen this participant leave.
        attempt = -1;
        slow = 0;
        continue;
      }
      if (first.type !== 'welcome' && first.type !== 'waiting') {
        transport.close();
        throw this.#fail(Object.assign(new Error(first.message ?? 'The meeting refused to let you in.'), { code: first.code }));
      }
      this.#webSocketFailed ||= result.webSocketFailed;
      return this.#adopt(transport, first, resume !== null);
    }
    return null;
  }

  #adopt(transport, welcome, resumed) {
    const fresh = !resumed;
    if (fresh) {
      this.#lastSeq = 0;
      this.#acked = 0;
    }
    this.#transport = transport;
    if (welcome.type === 'waiting') this.#you = null; // who one is comes with the welcome
    this.#setState('connected');
    const hadSession = this.#hadSession;
    this.#hadSession = true;
    let held = this.#outbox.splice(0);
    if (fresh && hadSession) {
      held = held.filter((message) => message.type !== 'signal'); // addressed from the old identity
      this.#emit('reset', welcome);
    }
    this.#receive(welcome);
    transport.listen((message) => this.#receive(message), (info) => this.#dropped(transport, info));
    for (const message of held) this.send(message);
    return welcome;
  }

  #receive(message) {
    if (msg.isDuplicate(message, this.#lastSeq)) return;
    if (Number.isInteger(message.seq)) this.#lastSeq = Math.max(this.#lastSeq, message.seq);
    if (message.type === 'welcome') {
      this.#you = message.you;
      this.#token = message.token ?? this.#token;
    }
    this.#scheduleAck();
    this.#emit(message.type, message);
    if (msg.FINAL_MESSAGES.has(message.type)) this.#end(message);
  }

  /** The server ended this participant and says why: no resume, no retry. */
  #end(message) {
    const transport = this.#transport;
    this.#transport = null;
    clearTimeout(this.#ackTimer);
    this.#outbox = [];
    transport?.close();
    this.#fail(Object.assign(new Error(message.type), { code: message.type, detail: message }));
  }

  #scheduleAck() {
    if (this.#transport?.kind !== 'websocket' || this.#lastSeq <= this.#acked) return;
    const flush = () => {
      this.#ackTimer = 0;
      if (this.#lastSeq > this.#acked && this.#transport?.send(msg.ackMessage(this.#lastSeq))) this.#acked = this.#lastSeq;
    };
    if (this.#lastSeq - this.#acked >= ACK_EVERY) flush();
    else this.#ackTimer ||= setTimeout(flush, ACK_DELAY_MS);
  }

  #dropped(transport, { code }) {
    if (transport !== this.#transport || this.#state === 'closed') return;
    this.#transport = null;
    if (FINAL_CLOSE_CODES.has(code)) {
      this.#fail(Object.assign(new Error('The meeting ended this connection.'), { code: `closed-${code}` }));
      return;
    }
    this.#setState('reconnecting');
    // Someone waiting has no token yet: it asks again. A final failure is reported through the
    // `status` event; nobody awaits this promise.
    const resume = this.#you ? { id: this.#you.id, token: this.#token, lastSeq: this.#lastSeq } : null;
    const moving = code === MOVING_CLOSE_CODE ? transport.kind : null;
    this.#connect(resume, moving).catch(() => {});
  }

  #fail(error) {
    this.#setState('closed', error);
    return error;
  }

  #setState(state, error = null) {
    this.#state = state;
    this.#emit('status', { state, transport: this.#transport?.kind ?? null, error });
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
