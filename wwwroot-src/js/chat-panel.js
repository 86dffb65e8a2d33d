// The chat log and its form. Message text and sender names are shown as plain text, never markup.

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export class ChatPanel {
  #log;
  #empty;
  #input;
  #seen = new Set();
  onunread = () => {};

  /** `send(text)` returns false when nothing was sent. */
  constructor(root, send) {
    this.#log = root.querySelector('[data-chat-log]');
    this.#empty = root.querySelector('[data-chat-empty]');
    this.#input = root.querySelector('#chat-input');
    root.querySelector('[data-chat-form]').addEventListener('submit', (event) => {
      event.preventDefault();
      if (send(this.#input.value)) this.#input.value = '';
      this.#input.focus();
    });
  }

  focus() {
    this.#input.focus();
  }

  /** Adds a protocol `chat` message once (a resumed connection may restate history); false when it was there. */
  add({ id, name, text, at, from }, { mine = false } = {}) {
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    this.#empty.hidden = true;
    const item = document.createElement('article');
    item.className = mine ? 'chat-msg chat-msg--mine' : 'chat-msg';
    item.dataset.from = from;
    const header = document.createElement('header');
    const who = document.createElement('strong');
    who.className = 'chat-msg__name';
    who.textContent = mine ? `${name} (you)` : name;
    const when = document.createElement('time');
    when.dateTime = new Date(at).toISOString();
    when.textContent = TIME.format(new Date(at));
    header.append(who, ' ', when);
    const body = document.createElement('p');
    body.className = 'chat-msg__text';
    body.textContent = text;
    item.append(header, body);
    const atBottom = this.#log.scrollHeight - this.#log.scrollTop - this.#log.clientHeight < 40;
    this.#log.append(item);
    if (atBottom || mine) this.#log.scrollTop = this.#log.scrollHeight;
    if (!mine) this.onunread();
    return true;
  }
}
