// Connection quality on the call screen: on each tile a three-bar indicator that opens the numbers
// behind it (on one's own tile: one's uplink), and the "Your connection is unstable" banner while the
// uplink is poor. Names come from other people, so they only go in through textContent.

import { ConnectionMonitor } from './connection-monitor.js';

const LEVEL_TEXT = { good: 'good', fair: 'fair', poor: 'poor' };
const ROWS = [
  ['rttMs', 'Round trip', (v) => `${Math.round(v)} ms`],
  ['lossPct', 'Packet loss', (v) => `${v.toFixed(1)} %`],
  ['jitterMs', 'Jitter', (v) => `${Math.round(v)} ms`],
  ['fps', 'Frames per second', (v) => `${Math.round(v)}`],
];

/** Starts measuring the call's links and showing them; returns a stop function. */
export function showConnectionQuality(root, call, media) {
  const view = new QualityView(root);
  const monitor = new ConnectionMonitor({
    peers: () => call.participants.map((p) => p.id),
    connectionTo: (id) => call.connectionTo(id),
    cameraOf: (id) => {
      const sent = call.participants.find((p) => p.id === id)?.media;
      return Boolean(sent?.cam && !sent.screen);
    },
    ownCamera: () => Boolean(media.camOn && !media.screen),
  }, {
    onPeer: (id, quality) => view.tile(id, quality, { self: false, name: call.participants.find((p) => p.id === id)?.name }),
    onUplink: (quality) => {
      if (call.self) view.tile(call.self.id, quality, { self: true });
      view.banner(quality?.level === 'poor');
    },
  });
  monitor.start();
  return () => {
    monitor.stop();
    view.banner(false);
  };
}

export class QualityView {
  #root;
  #banner;
  #count = 0;

  constructor(root) {
    this.#root = root;
    // A live region that is there before anything is said in it, so screen readers announce the text.
    this.#banner = document.createElement('div');
    this.#banner.className = 'unstable';
    this.#banner.setAttribute('role', 'status');
    root.querySelector('[data-in-call]').append(this.#banner);
  }

  banner(show) {
    const text = show ? 'Your connection is unstable' : '';
    if (this.#banner.textContent !== text) this.#banner.textContent = text;
  }

  /** Shows `quality` ({level, figures}, or null to hide) on the tile of participant `id`. */
  tile(id, quality, { self, name = '' }) {
    const tile = this.#root.querySelector(`[data-grid] [data-id="${CSS.escape(id)}"]`);
    if (!tile) return;
    let badge = tile.querySelector('[data-quality]');
    if (!quality?.level) {
      if (badge) badge.hidden = true;
      return;
    }
    badge ??= this.#badge(tile);
    badge.hidden = false;
    badge.dataset.level = quality.level;
    const subject = self ? 'Your connection' : 'Connection';
    const button = badge.querySelector('button');
    button.setAttribute('aria-label', `${subject}: ${LEVEL_TEXT[quality.level]}`);
    button.title = `${subject}: ${LEVEL_TEXT[quality.level]}`;
    badge.querySelector('[data-quality-title]').textContent = self ? 'Your uplink' : `From ${name || 'Someone'}`;
    for (const [key, , format] of ROWS) {
      const value = quality.figures?.[key];
      badge.querySelector(`[data-figure="${key}"]`).textContent =
        typeof value === 'number' && Number.isFinite(value) ? format(value) : 'not measured';
    }
  }

  #badge(tile) {
    const id = `quality-${++this.#count}`;
    const badge = element('div', 'quality');
    badge.dataset.quality = '';
    const button = element('button', 'quality__button');
    button.type = 'button';
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', id);
    const bars = element('span', 'quality__bars');
    bars.setAttribute('aria-hidden', 'true');
    bars.append(element('span'), element('span'), element('span'));
    button.append(bars);
    const details = element('div', 'quality__details');
    details.id = id;
    details.hidden = true;
    const title = element('p', 'quality__title');
    title.dataset.qualityTitle = '';
    const list = element('dl');
    for (const [key, label] of ROWS) {
      const row = element('div');
      const term = element('dt');
      term.textContent = label;
      const value = element('dd');
      value.dataset.figure = key;
      row.append(term, value);
      list.append(row);
    }
    details.append(title, list);
    badge.append(details, button);
    const toggle = (open) => {
      button.setAttribute('aria-expanded', String(open));
      details.hidden = !open;
    };
    button.addEventListener('click', () => toggle(button.getAttribute('aria-expanded') !== 'true'));
    badge.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || details.hidden) return;
      event.stopPropagation(); // closes the details, not the side panel
      toggle(false);
      button.focus();
    });
    tile.append(badge);
    return badge;
  }
}

function element(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}
