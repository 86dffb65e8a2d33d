// Opens a signaling transport, trying each kind in order until one delivers the first server message.

import { WebSocketTransport } from './websocket-transport.js';
import { LongPollTransport } from './longpoll-transport.js';
import { WEBSOCKET } from './transport-choice.js';

const FACTORIES = {
  websocket: (code, options) => new WebSocketTransport(code, options),
  longpoll: (code, options) => new LongPollTransport(code, options),
};

/**
 * Resolves with `{ transport, first, webSocketFailed }`. Rejects with the last error when every kind
 * failed, or at once with a fatal one (signed out, no such meeting, meeting full).
 */
export async function openTransport(code, join, order, options = {}, factories = FACTORIES) {
  let lastError = null;
  let webSocketFailed = false;
  for (const kind of order) {
    const transport = factories[kind](code, options);
    try {
      const first = await transport.open(join);
      return { transport, first, webSocketFailed };
    } catch (error) {
      transport.close();
      if (error.fatal) throw error;
      if (kind === WEBSOCKET) webSocketFailed = true;
      lastError = error;
    }
  }
  throw Object.assign(lastError ?? new Error('No transport to try.'), { webSocketFailed });
}
