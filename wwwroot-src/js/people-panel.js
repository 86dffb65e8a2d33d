// The "People" side panel: who waits to join, the raised hands in order, and everyone in the call with
// their role and microphone. A host or co-host also gets each person's actions, behind a "More options
// for NAME" button. Names come from other people, so they only ever go in through textContent.

import { initial } from './text.js';

const ROLE_LABEL = { host: 'Host', cohost: 'Co-host' };

export class PeoplePanel {
  #root;
  #list;
  #count;
  #people = new Map();
  #hands = [];
  #viewer = { role: 'guest' };
  /** Called with (action, id): 'mute', 'remove', 'cohost-on', 'cohost-off', 'lower-hand', 'admit', 'deny', 'admit-all'. */
  onaction = () => {};

  constructor(root) {
    this.#root = root;
    this.#list = root.querySelector('[data-people]');
    this.#count = root.querySelector('[data-people-count]');
    root.querySelector('[data-admit-all]').addEventListener('click', () => this.onaction('admit-all', null));
    this.#list.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      const open = this.#list.querySelector('[data-more][aria-expanded="true"]');
      if (!open) return;
      event.stopPropagation(); // close the menu, not the whole panel
      this.#closeMenus();
      open.focus();
    });
  }

  /** The viewer's own role: hosts and co-hosts see everyone's actions. */
  setViewer({ role }) {
    this.#viewer = { role };
    for (const [id, { person }] of this.#people) this.#render(id, person);
    this.#renderHands();
  }

  upsert(participant, { self = false } = {}) {
    let entry = this.#people.get(participant.id);
    if (!entry) {
      const item = document.createElement('li');
      item.className = 'people__item';
      const avatar = span('people__avatar');
      avatar.setAttribute('aria-hidden', 'true');
      const who = span('people__who');
      who.append(span('people__name'), span('people__role'));
      const hand = span('icon icon--back_hand people__hand');
      hand.setAttribute('role', 'img');
      hand.setAttribute('aria-label', 'Hand raised');
      const muted = span('icon icon--mic_off people__muted');
      muted.setAttribute('role', 'img');
      muted.setAttribute('aria-label', 'Microphone off');
      item.append(avatar, who, hand, muted, span('people__actions'));
      entry = { item, self, person: participant };
      this.#people.set(participant.id, entry);
      if (self) this.#list.prepend(item);
      else this.#list.append(item);
    }
    entry.person = { ...entry.person, ...participant };
    this.#render(participant.id, entry.person);
    this.#updateCount();
  }

  remove(id) {
    this.#people.get(id)?.item.remove();
    this.#people.delete(id);
    this.#updateCount();
    this.#renderHands();
  }

  clearOthers(selfId) {
    for (const [id, { self }] of [...this.#people]) if (!self && id !== selfId) this.remove(id);
  }

  /** The raised hands, ids in the order they were raised. */
  setHands(queue) {
    this.#hands = queue;
    for (const [id, { person }] of this.#people) this.#render(id, person);
    this.#renderHands();
  }

  /** People asking to join ([{id, name}]), shown to hosts and co-hosts with Admit and Deny. */
  setWaiting(people) {
    const section = this.#root.querySelector('[data-waiting-section]');
    const list = this.#root.querySelector('[data-waiting-list]');
    const canModerate = this.#canModerate;
    section.hidden = !canModerate || people.length === 0;
    this.#root.querySelector('[data-waiting-heading]').textContent = `Waiting to join (${people.length})`;
    this.#root.querySelector('[data-admit-all]').hidden = people.length < 2;
    list.replaceChildren(...people.map(({ id, name }) => {
      const item = document.createElement('li');
      item.className = 'people__item';
      const avatar = span('people__avatar');
      avatar.setAttribute('aria-hidden', 'true');
      avatar.textContent = initial(name);
      const shown = span('people__name');
      shown.textContent = name;
      const actions = span('people__actions');
      actions.append(
        actionButton(`Deny ${name}`, 'Deny', 'btn-ghost btn-ghost--small', () => this.onaction('deny', id)),
        actionButton(`Admit ${name}`, 'Admit', 'btn-ghost btn-ghost--small', () => this.onaction('admit', id)));
      item.append(avatar, shown, actions);
      return item;
    }));
  }

  get #canModerate() {
    return this.#viewer.role === 'host' || this.#viewer.role === 'cohost';
  }

  #render(id, { name, media, role }) {
    const { item, self } = this.#people.get(id);
    const shown = name || 'Someone';
    item.querySelector('.people__avatar').textContent = initial(shown);
    item.querySelector('.people__name').textContent = self ? `${shown} (you)` : shown;
    item.querySelector('.people__role').textContent = ROLE_LABEL[role] ?? '';
    item.querySelector('.people__muted').hidden = Boolean(media?.mic);
    item.querySelector('.people__hand').hidden = !this.#hands.includes(id);
    const actions = item.querySelector('.people__actions');
    const may = !self && this.#mayActOn(role);
    if (!may) {
      actions.replaceChildren();
      item.querySelector('.people__menu')?.remove();
      return;
    }
    // Rebuilt only when missing or renamed, so an open menu survives a media change.
    const more = actions.querySelector('[data-more]');
    if (more?.dataset.name === shown && more.dataset.role === (role ?? 'guest')) return;
    const wasOpen = more?.getAttribute('aria-expanded') === 'true';
    item.querySelector('.people__menu')?.remove();
    const button = actionButton(`More options for ${shown}`, '', 'ctl ctl--flat ctl--small', () => this.#toggleMenu(id));
    button.dataset.more = '';
    button.dataset.name = shown;
    button.dataset.role = role ?? 'guest';
    button.setAttribute('aria-expanded', 'false');
    button.append(icon('more_vert'));
    actions.replaceChildren(button);
    if (wasOpen) this.#toggleMenu(id);
  }

  /** Nobody acts on the host or on themselves; a co-host acts only on guests. */
  #mayActOn(role) {
    if (!this.#canModerate || role === 'host') return false;
    return this.#viewer.role === 'host' || (role ?? 'guest') === 'guest';
  }

  #toggleMenu(id) {
    const { item, person } = this.#people.get(id);
    const button = item.querySelector('[data-more]');
    const open = button.getAttribute('aria-expanded') === 'true';
    this.#closeMenus();
    if (open) return;
    const name = person.name || 'Someone';
    const menu = document.createElement('div');
    menu.className = 'people__menu';
    menu.id = `menu-${id}`;
    menu.setAttribute('role', 'group');
    menu.setAttribute('aria-label', `Options for ${name}`);
    const act = (action) => () => {
      this.#closeMenus();
      this.onaction(action, id);
    };
    menu.append(actionButton(`Ask ${name} to mute`, `Ask ${name} to mute`, '', act('mute'), 'mic_off'));
    if (this.#viewer.role === 'host') {
      menu.append(person.role === 'cohost'
        ? actionButton(`Remove ${name} as co-host`, `Remove ${name} as co-host`, '', act('cohost-off'), 'remove_moderator')
        : actionButton(`Make ${name} a co-host`, `Make ${name} a co-host`, '', act('cohost-on'), 'add_moderator'));
    }
    menu.append(actionButton(`Remove ${name}`, `Remove ${name}`, '', act('remove'), 'person_remove'));
    item.append(menu);
    button.setAttribute('aria-controls', menu.id);
    button.setAttribute('aria-expanded', 'true');
    menu.querySelector('button').focus();
  }

  #closeMenus() {
    for (const menu of this.#list.querySelectorAll('.people__menu')) menu.remove();
    for (const button of this.#list.querySelectorAll('[data-more]')) button.setAttribute('aria-expanded', 'false');
  }

  #renderHands() {
    const section = this.#root.querySelector('[data-hands-section]');
    const list = this.#root.querySelector('[data-hands-list]');
    const raised = this.#hands.filter((id) => this.#people.has(id));
    section.hidden = raised.length === 0;
    list.replaceChildren(...raised.map((id) => {
      const { person, self } = this.#people.get(id);
      const name = person.name || 'Someone';
      const item = document.createElement('li');
      item.className = 'people__item';
      const shown = span('people__name');
      shown.textContent = self ? `${name} (you)` : name;
      item.append(shown);
      if (self || this.#canModerate) {
        const label = self ? 'Lower your hand' : `Lower ${name}'s hand`;
        item.append(actionButton(label, 'Lower', 'btn-ghost btn-ghost--small', () => this.onaction('lower-hand', id)));
      }
      return item;
    }));
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

function icon(name) {
  const element = span(`icon icon--${name}`);
  element.setAttribute('aria-hidden', 'true');
  return element;
}

/** A button named `label` (for screen readers and tests) showing `text`, with an optional icon. */
function actionButton(label, text, className, onclick, iconName = null) {
  const button = document.createElement('button');
  button.type = 'button';
  if (className) button.className = className;
  if (iconName) button.append(icon(iconName));
  if (text) button.append(text);
  if (text !== label) button.setAttribute('aria-label', label);
  button.addEventListener('click', onclick);
  return button;
}
