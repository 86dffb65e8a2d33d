// What hosts and co-hosts see: the "Host controls" panel (lock, waiting room, mute everyone, and for the
// host "End meeting for all" with a confirmation), and the card that says who is asking to join, with
// Admit and Deny. The relay checks every action; this only offers them to those who may use them.

export class HostControls {
  #root;
  #call;
  #role = 'guest';
  #settings = { locked: false, waitingRoom: true };
  /** Opens the People panel (the card's "View all"). */
  onviewall = () => {};

  constructor(root, call) {
    this.#root = root;
    this.#call = call;
    for (const button of root.querySelectorAll('[data-setting]')) {
      button.addEventListener('click', () => {
        const key = button.dataset.setting;
        call.setSettings({ [key]: button.getAttribute('aria-pressed') !== 'true' });
      });
    }
    root.querySelector('[data-mute-all]').addEventListener('click', () => call.muteAll());
    const confirm = root.querySelector('[data-end-confirm]');
    root.querySelector('[data-end]').addEventListener('click', () => {
      confirm.hidden = false;
      root.querySelector('[data-end-cancel]').focus();
    });
    root.querySelector('[data-end-cancel]').addEventListener('click', () => {
      confirm.hidden = true;
      root.querySelector('[data-end]').focus();
    });
    root.querySelector('[data-end-yes]').addEventListener('click', () => call.endForAll());
    root.querySelector('[data-knock-all]').addEventListener('click', () => call.admitAll());
    root.querySelector('[data-knock-view]').addEventListener('click', () => this.onviewall());
  }

  get canModerate() {
    return this.#role === 'host' || this.#role === 'cohost';
  }

  /** The viewer's role: the "Host controls" button shows for hosts and co-hosts, "End meeting for all" for the host. */
  setRole(role) {
    this.#role = role ?? 'guest';
    const button = this.#root.querySelector('[data-open-panel="host"]');
    button.hidden = !this.canModerate;
    this.#root.querySelector('[data-end-area]').hidden = this.#role !== 'host';
    if (!this.canModerate) this.setWaiting([]);
    return this.canModerate;
  }

  setSettings(settings) {
    this.#settings = { ...this.#settings, ...settings };
    for (const button of this.#root.querySelectorAll('[data-setting]')) {
      button.setAttribute('aria-pressed', String(Boolean(this.#settings[button.dataset.setting])));
    }
  }

  /** The card over the call: who is asking to join, with Admit NAME and Deny NAME (and Admit all for several). */
  setWaiting(people) {
    const card = this.#root.querySelector('[data-knock]');
    const shown = this.canModerate ? people : [];
    card.hidden = shown.length === 0 || this.#root.classList.contains('room--people-open');
    this.#root.querySelector('[data-waiting-dot]').hidden = shown.length === 0;
    this.#root.querySelector('[data-knock-heading]').textContent =
      shown.length === 1 ? `${shown[0].name} wants to join` : `${shown.length} people want to join`;
    this.#root.querySelector('[data-knock-all]').hidden = shown.length < 2;
    this.#root.querySelector('[data-knock-list]').replaceChildren(...shown.map(({ id, name }) => {
      const item = document.createElement('li');
      const label = document.createElement('span');
      label.className = 'knock__name';
      label.textContent = name;
      item.append(label,
        button(`Deny ${name}`, 'Deny', 'btn-ghost btn-ghost--small', () => this.#call.deny(id)),
        button(`Admit ${name}`, 'Admit', 'btn-join btn-ghost--small', () => this.#call.admit(id)));
      return item;
    }));
  }
}

function button(label, text, className, onclick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  element.setAttribute('aria-label', label);
  element.addEventListener('click', onclick);
  return element;
}
