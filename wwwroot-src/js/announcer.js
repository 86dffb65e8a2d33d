// What screen readers hear of the call without looking: who joined, who left, and new chat messages
// while the chat is closed. Said through one polite live region, and gathered for a moment first, so
// ten people joining at once is one sentence rather than ten interruptions.

import { truncate } from './text.js';

const GATHER_MS = 1500;
const MAX_TEXT = 140;

/** "Ada", "Ada and Bob", "Ada, Bob and Cyd", "Ada, Bob and 3 others". */
export function nameList(names) {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} others`;
}

/** One sentence (or a few) for what happened in one gathering window. */
export function announcement({ joined = [], left = [], messages = [] }) {
  const parts = [];
  if (joined.length) parts.push(`${nameList(joined)} joined.`);
  if (left.length) parts.push(`${nameList(left)} left.`);
  if (messages.length === 1) {
    parts.push(`Message from ${messages[0].name}: ${truncate(messages[0].text, MAX_TEXT)}`);
  } else if (messages.length > 1) {
    const senders = [...new Set(messages.map((m) => m.name))];
    parts.push(`${messages.length} new messages from ${nameList(senders)}.`);
  }
  return parts.join(' ');
}

export class Announcer {
  #region;
  #pending = { joined: [], left: [], messages: [] };
  #timer = 0;

  /** Adds the (visually hidden) live region to `root` at once: a region must exist before it speaks. */
  constructor(root) {
    this.#region = document.createElement('div');
    this.#region.className = 'visually-hidden';
    this.#region.setAttribute('aria-live', 'polite');
    this.#region.dataset.announcer = '';
    root.append(this.#region);
  }

  joined(name) { this.#add('joined', name || 'Someone'); }
  left(name) { this.#add('left', name || 'Someone'); }
  message({ name, text }) { this.#add('messages', { name: name || 'Someone', text }); }

  /** Forgets what was not said yet (the call is over). */
  clear() {
    clearTimeout(this.#timer);
    this.#timer = 0;
    this.#pending = { joined: [], left: [], messages: [] };
  }

  #add(kind, item) {
    this.#pending[kind].push(item);
    this.#timer ||= setTimeout(() => this.#say(), GATHER_MS);
  }

  #say() {
    const text = announcement(this.#pending);
    this.clear();
    this.#region.textContent = text;
  }
}
