// Why a transport could not carry the session. `fatal` means retrying cannot help (logged out, no such
// meeting, meeting full); anything else is worth another attempt or the other transport.

export class TransportError extends Error {
  constructor(message, { fatal = false, status = 0, code = '' } = {}) {
    super(message);
    this.name = 'TransportError';
    this.fatal = fatal;
    this.status = status;
    this.code = code;
  }
}

// The server is draining: resume at once, to the next process (docs/signaling.md, "Draining"). A WebSocket
// closes with this code; long-polling answers 503 with an `error` of code `moving`, which its transport
// reports as a close with this code.
export const MOVING_CLOSE_CODE = 4003;
export const MOVING_ERROR_CODE = 'moving';

/** The close code a long-poll transport reports for why it ended. */
export function closeCodeOf(error) {
  return error.code === MOVING_ERROR_CODE ? MOVING_CLOSE_CODE : error.status || 0;
}

const FATAL_STATUS = { 401: 'signed-out', 403: 'forbidden', 404: 'no-meeting', 409: 'meeting-full' };

/** The error for a refused HTTP request, reading the protocol `error` body when there is one. */
export async function httpError(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    // No JSON body: the status says enough.
  }
  const code = body?.code ?? FATAL_STATUS[response.status] ?? `http-${response.status}`;
  const message = body?.message ?? `The server answered ${response.status}.`;
  return new TransportError(message, { fatal: response.status in FATAL_STATUS, status: response.status, code });
}
