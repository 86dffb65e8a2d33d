// Holds what a transport receives until its owner listens. A long-poll response usually carries the
// welcome together with what follows it (after a resume: the whole replay), and the owner only starts
// listening once it has read the welcome; nothing may be lost in between.

export class Inbox {
  #onmessage = null;
  #onclose = null;
  #messages = [];
  #closed = null;

  /** Starts delivery: first whatever arrived already, in order, then as it comes. */
  listen(onmessage, onclose) {
    this.#onmessage = onmessage;
    this.#onclose = onclose;
    for (const message of this.#messages.splice(0)) onmessage(message);
    if (this.#closed) onclose(this.#closed);
  }

  message(message) {
    if (this.#closed) return;
    if (this.#onmessage) this.#onmessage(message);
    else this.#messages.push(message);
  }

  /** Reports the end once, after every message received before it. */
  close(info) {
    if (this.#closed) return;
    this.#closed = info;
    this.#onclose?.(info);
  }
}
