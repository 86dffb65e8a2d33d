// Signaling over plain HTTP: POST to send, a held GET to receive (docs/signaling.md, long-polling).
// One send POST is in flight at a time, so the peer sees an offer before its candidates; whatever queued
// up meanwhile goes in the next POST as one batch (a JSON array), so a burst costs a POST per round trip
// rather than one per message.

import { Inbox } from './inbox.js';
import { asServerMessage } from './messages.js';
import { TransportError, closeCodeOf, httpError, MOVING_ERROR_CODE } from './transport-error.js';
import { LONGPOLL } from './transport-choice.js';
import { takeBatch } from './send-batch.js';

const FIRST_POLL_TIMEOUT_MS = 8000;
const JSON_HEADERS = { 'Content-Type': 'application/json' };
export { MAX_BATCH_MESSAGES, MAX_BATCH_BYTES } from './send-batch.js';

export class LongPollTransport {
  kind = LONGPOLL;
  #inbox = new Inbox();
  #base;
  #session = null;
  #lastSeq;
  #poll = null;
  #queue = [];
  #sending = false;
  #closed = false;

  /** `lastSeq()` gives the highest seq delivered so far: each poll acknowledges it. */
  constructor(code, { lastSeq = () => 0 } = {}) {
    this.#base = `/signal/lp/${encodeURIComponent(code)}`;
    this.#lastSeq = lastSeq;
  }

  async open(join) {
    const response = await this.#fetch(this.#base, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(join) });
    if (response.status !== 200) throw await httpError(response);
    const { session } = await response.json();
    this.#session = session;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.close();
        reject(new TransportError('No welcome arrived by long-polling.'));
      }, FIRST_POLL_TIMEOUT_MS);
      let first = true;
      this.#pollLoop((message) => {
        if (!first) {
          this.#inbox.message(message);
          return;
        }
        first = false;
        clearTimeout(timer);
        resolve(message);
      }, (error) => {
        clearTimeout(timer);
        if (first) reject(error);
        else this.#inbox.close({ code: closeCodeOf(error), reason: error.message });
      });
    });
  }

  /** Delivers every message after the first, then the close (see Inbox). */
  listen(onmessage, onclose) {
    this.#inbox.listen(onmessage, onclose);
  }

  /** Queues `message`; it goes out with the next send POST. False when there is no session to send on. */
  send(message) {
    if (this.#closed || !this.#session) return false;
    this.#queue.push(JSON.stringify(message));
    if (!this.#sending) this.#sendLoop();
    return true;
  }

  /** Stops polling without leaving: the relay keeps the participant for the grace period. */
  close() {
    this.#closed = true;
    this.#poll?.abort();
  }

  /** Leaves at once (DELETE); `keepalive` lets it finish while the page unloads. */
  leave() {
    const session = this.#session;
    this.close();
    if (session) {
      fetch(`${this.#base}?session=${encodeURIComponent(session)}`, { method: 'DELETE', keepalive: true }).catch(() => {});
    }
  }

  async #pollLoop(deliver, onStop) {
    const stop = (error) => {
      this.#closed = true;
      onStop(error);
    };
    while (!this.#closed) {
      this.#poll = new AbortController();
      const url = `${this.#base}?session=${encodeURIComponent(this.#session)}&ack=${this.#lastSeq()}`;
      let response;
      try {
        response = await fetch(url, { cache: 'no-store', credentials: 'same-origin', signal: this.#poll.signal });
      } catch {
        if (!this.#closed) stop(new TransportError('The long-poll request failed.'));
        return;
      }
      if (response.status === 204) {
        stop(new TransportError('The long-poll session is closed.', { status: 204 }));
        return;
      }
      if (response.status !== 200) {
        stop(await httpError(response));
        return;
      }
      const text = await response.text();
      if (!text || this.#closed) continue;
      let batch;
      try {
        batch = JSON.parse(text);
      } catch {
        batch = [];
      }
      for (const message of (Array.isArray(batch) ? batch : []).map(asServerMessage)) {
        if (message) deliver(message);
      }
    }
  }

  /** Keeps one send POST in flight until the queue is empty; each carries everything queued so far. */
  async #sendLoop() {
    this.#sending = true;
    const url = `${this.#base}?session=${encodeURIComponent(this.#session)}`;
    while (this.#queue.length > 0) {
      try {
        const response = await this.#fetch(url, { method: 'POST', headers: JSON_HEADERS, body: takeBatch(this.#queue) });
        const refused = response.status === 503 ? await httpError(response) : null;
        if (response.status === 204 || refused?.code === MOVING_ERROR_CODE) {
          this.#queue.length = 0; // the session is gone: nothing more can be sent on it
          this.#end(refused ?? new TransportError('The session is closed.', { status: 204 }));
        } else if (refused) {
          console.warn('Signaling message refused', response.status, refused.message);
        } else if (response.status !== 202) {
          console.warn('Signaling message refused', response.status, await response.text());
        }
      } catch {
        // Lost on the way, like a dropped frame: carry on with what is queued.
      }
    }
    this.#sending = false;
  }

  #end(error) {
    if (this.#closed) return;
    this.close();
    this.#inbox.close({ code: closeCodeOf(error), reason: error.message });
  }

  #fetch(url, init) {
    return fetch(url, { ...init, cache: 'no-store', credentials: 'same-origin' }).catch((error) => {
      throw new TransportError(`Long-polling request failed: ${error.message}`);
    });
  }
}
