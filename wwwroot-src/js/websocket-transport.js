// Signaling over one WebSocket: one JSON message per text frame (docs/signaling.md).

import { Inbox } from './inbox.js';
import { parseServerMessage } from './messages.js';
import { TransportError } from './transport-error.js';
import { WEBSOCKET } from './transport-choice.js';

const OPEN_TIMEOUT_MS = 4000;
const WELCOME_TIMEOUT_MS = 5000;

export class WebSocketTransport {
  kind = WEBSOCKET;
  #inbox = new Inbox();
  #socket = null;
  #url;

  constructor(code, { origin = location } = {}) {
    const scheme = origin.protocol === 'https:' ? 'wss:' : 'ws:';
    this.#url = `${scheme}//${origin.host}/signal/ws/${encodeURIComponent(code)}`;
  }

  /**
   * Opens, sends `join`, and resolves with the first server message. Fails when the socket does not
   * open in time, closes before that message (a proxy refusing it: close code 0 or 1006), or opens and
   * then stays silent (a proxy that black-holes the upgrade).
   */
  open(join) {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.#url);
      this.#socket = socket;
      let settled = false;
      const fail = (why) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.onclose = socket.onmessage = socket.onerror = null;
        socket.close();
        reject(new TransportError(why));
      };
      let timer = setTimeout(() => fail('The WebSocket did not open in time.'), OPEN_TIMEOUT_MS);
      socket.onopen = () => {
        clearTimeout(timer);
        timer = setTimeout(() => fail('No welcome arrived over the WebSocket.'), WELCOME_TIMEOUT_MS);
        socket.send(JSON.stringify(join));
      };
      socket.onclose = (event) => fail(`The WebSocket closed before the welcome (${event.code}).`);
      socket.onmessage = (event) => {
        const message = parseServerMessage(event.data);
        if (!message) return;
        if (settled) {
          this.#inbox.message(message);
          return;
        }
        settled = true;
        clearTimeout(timer);
        socket.onclose = (close) => this.#inbox.close({ code: close.code, reason: close.reason });
        resolve(message);
      };
    });
  }

  /** Delivers every message after the first, then the close (see Inbox). */
  listen(onmessage, onclose) {
    this.#inbox.listen(onmessage, onclose);
  }

  send(message) {
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(JSON.stringify(message));
    return true;
  }

  /** Closes without leaving: the relay keeps the participant for the grace period. */
  close() {
    if (!this.#socket) return;
    this.#socket.onclose = this.#socket.onmessage = null;
    this.#socket.close(1000);
    this.#socket = null;
  }

  /** Leaves the meeting, then closes. */
  leave() {
    this.send({ type: 'leave' });
    this.close();
  }
}
