// The "People" side panel: everyone in the call, with their microphone state.

export class PeoplePanel {
  #list;
  #count;
  #people = new Map();

  constructor(root) {
    this.#list = root.querySelector('[data-people]');
    this.#count = root.querySelector('[data-people-count]');
  }

  upsert({ id, name, media }, { self = false } = {}) {
    let item = this.#people.get(id);
    if (!item) {
      item = document.createElement('li');
      item.className = 'people__item';
      const muted = span('icon icon--mic_off people__muted');
      muted.setAttribute('role', 'img');
      muted.setAttribute('aria-label', 'Microphone off');
      const avatar = span('people__avatar');
      avatar.setAttribute('aria-hidden', 'true');
      item.append(avatar, span('people__name'), muted);
      this.#people.set(id, item);
      if (self) this.#list.prepend(item);
      else this.#list.append(item);
    }
    const shown = name || 'Someone';
    item.querySelector('.people__avatar').textContent = shown.charAt(0).toUpperCase();
    item.querySelector('.people__name').textContent = self ? `${shown} (you)` : shown;
    item.querySelector('.people__muted').hidden = Boolean(media?.mic);
    this.#updateCount();
  }

  remove(id) {
    this.#people.get(id)?.remove();
    this.#people.delete(id);
    this.#updateCount();
  }

  clearOthers(selfId) {
    for (const id of [...this.#people.keys()]) if (id !== selfId) this.remove(id);
  }

  #updateCount() {
    this.#count.textContent = String(this.#people.size);
  }
}

function span(className) {
  const element = document.createElement('span');
  element.className = className;
  return element;
}
