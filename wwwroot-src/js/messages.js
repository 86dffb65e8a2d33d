// Builders and checks for the signaling protocol v2 (docs/signaling.md). No I/O here.

import { truncate } from './text.js';

export const PROTOCOL_VERSION = 2;
export const MAX_CHAT_LENGTH = 2000;

export const mediaState = ({ mic = false, cam = false, screen = false } = {}) =>
  ({ mic: Boolean(mic), cam: Boolean(cam), screen: Boolean(screen) });

/**
 * `join`; with `resume` ({id, token, lastSeq}) it picks up an existing participant after a drop. It has
 * no name: the server shows the account's display name.
 */
export function joinMessage({ media, resume } = {}) {
  const message = { type: 'join', protocol: PROTOCOL_VERSION, media: mediaState(media) };
  if (resume) message.resume = { id: resume.id, token: resume.token, lastSeq: resume.lastSeq };
  return message;
}

export const signalMessage = (to, data) => ({ type: 'signal', to, data });
export const mediaMessage = (media) => ({ type: 'media', ...mediaState(media) });
export const ackMessage = (seq) => ({ type: 'ack', seq });
export const leaveMessage = () => ({ type: 'leave' });

// Meeting controls (version 2). The relay decides who may send which; the page only offers them to hosts.

/** `admit`, `deny`, `mute` or `remove`, aimed at the participant `id`. */
export const targetedMessage = (type, id) => ({ type, id });
/** `admit-all`, `mute-all` or `end`. */
export const meetingMessage = (type) => ({ type });
/** One's own hand, or (a host lowering it) another's. */
export const handMessage = (raised, id = null) => (id ? { type: 'hand', raised: Boolean(raised), id } : { type: 'hand', raised: Boolean(raised) });
export const coHostMessage = (id, on) => ({ type: 'cohost', id, on: Boolean(on) });
export function settingsMessage({ locked, waitingRoom }) {
  const message = { type: 'settings' };
  if (locked !== undefined) message.locked = Boolean(locked);
  if (waitingRoom !== undefined) message.waitingRoom = Boolean(waitingRoom);
  return message;
}

/** Server messages after which the meeting is over for this page: the connection closes. */
export const FINAL_MESSAGES = new Set(['removed', 'denied', 'ended']);

/** `chat`, or null when the text is empty after trimming. Over-long text is cut to the limit, by whole code points. */
export function chatMessage(text) {
  const trimmed = String(text ?? '').trim();
  return trimmed ? { type: 'chat', text: truncate(trimmed, MAX_CHAT_LENGTH) } : null;
}

/** A server message as an object, or null when the text is not a JSON object with a string type. */
export function parseServerMessage(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return asServerMessage(value);
}

/** `value` when it is an object with a string type (the shape of every server message), else null. */
export function asServerMessage(value) {
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  return isObject && typeof value.type === 'string' ? value : null;
}

/**
 * Whether a message was already delivered. The server replays unacknowledged messages after a resume
 * (and a long-poll response can arrive twice). A `welcome` is never a duplicate (it restates state),
 * nor is anything with `seq` 0 (an `error`: outside the numbered stream, never replayed).
 */
export function isDuplicate(message, lastSeq) {
  return message.type !== 'welcome' && Number.isInteger(message.seq) && message.seq > 0 && message.seq <= lastSeq;
}
