// Which transports to try, in order. Pure, so the rules are unit-tested apart from the network.

export const WEBSOCKET = 'websocket';
export const LONGPOLL = 'longpoll';

/** The transport forced by the meeting URL (`?transport=longpoll` or `?transport=websocket`), or null. */
export function forcedTransport(search) {
  const value = new URLSearchParams(search).get('transport');
  return value === WEBSOCKET || value === LONGPOLL ? value : null;
}

/**
 * WebSocket first, long-polling as the fallback. Once a WebSocket has failed to open on this page
 * (a proxy that blocks them), later reconnections go straight to long-polling instead of waiting for
 * the same timeout again.
 */
export function transportOrder({ forced = null, webSocketFailed = false } = {}) {
  if (forced) return [forced];
  return webSocketFailed ? [LONGPOLL] : [WEBSOCKET, LONGPOLL];
}

/** The words the connection status shows for a transport. */
export function transportLabel(kind) {
  return kind === LONGPOLL ? 'long-polling' : 'WebSocket';
}
