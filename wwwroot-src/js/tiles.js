// The grid of participant tiles: one <figure> per person with their video, name and mute badges.
// Names come from other people, so they only ever go in through textContent.

import { gridShape } from './grid-layout.js';
import { initial } from './text.js';

export class TileGrid {
  #grid;
  #template;
  #tiles = new Map();

  constructor(grid, template) {
    this.#grid = grid;
    this.#template = template;
    new ResizeObserver(() => this.#layout()).observe(grid);
  }

  /** Adds or updates a tile. `participant` is {id, name, media}; `self` marks the own tile. */
  upsert(participant, { self = false } = {}) {
    let tile = this.#tiles.get(participant.id);
    if (!tile) {
      tile = this.#template.content.firstElementChild.cloneNode(true);
      tile.dataset.id = participant.id;
      tile.classList.toggle('tile--self', self);
      const video = tile.querySelector('video');
      video.muted = self; // never play one's own microphone back
      this.#tiles.set(participant.id, tile);
      if (self) this.#grid.prepend(tile);
      else this.#grid.append(tile);
      this.#layout();
    }
    const name = participant.name || 'Someone';
    const label = self ? `${name} (you)` : name;
    tile.setAttribute('aria-label', label);
    tile.querySelector('[data-name]').textContent = label;
    tile.querySelector('[data-initial]').textContent = initial(name);
    const { mic = false, cam = false, screen = false } = participant.media ?? {};
    tile.querySelector('[data-mic-off]').hidden = mic;
    tile.querySelector('[data-cam-off]').hidden = cam || screen;
    tile.classList.toggle('tile--video-off', !cam && !screen);
    tile.classList.toggle('tile--screen', screen);
  }

  setStream(id, stream) {
    const video = this.#tiles.get(id)?.querySelector('video');
    if (!video) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    video.play().catch(() => {}); // autoplay may wait for the next user gesture; the element retries
  }

  /** The <video> of a participant's tile, or null. */
  videoOf(id) {
    return this.#tiles.get(id)?.querySelector('video') ?? null;
  }

  setSpeaking(id, speaking) {
    this.#tiles.get(id)?.classList.toggle('tile--speaking', speaking);
  }

  /** Shows or hides the "Hand raised" label on a tile. */
  setHand(id, raised) {
    const tile = this.#tiles.get(id);
    if (!tile) return;
    tile.querySelector('[data-tile-hand]').hidden = !raised;
    tile.classList.toggle('tile--hand', raised);
  }

  /** Marks a tile whose connection could not be made (the page explains why elsewhere). */
  setProblem(id, problem) {
    const badge = this.#tiles.get(id)?.querySelector('[data-tile-problem]');
    if (badge) badge.hidden = !problem;
  }

  remove(id) {
    const tile = this.#tiles.get(id);
    if (!tile) return;
    tile.querySelector('video').srcObject = null;
    tile.remove();
    this.#tiles.delete(id);
    this.#layout();
  }

  clearOthers(selfId) {
    for (const id of [...this.#tiles.keys()]) if (id !== selfId) this.remove(id);
  }

  #layout() {
    const { tileWidth, tileHeight } = gridShape(this.#tiles.size, this.#grid.clientWidth, this.#grid.clientHeight);
    this.#grid.style.setProperty('--tile-width', `${tileWidth}px`);
    this.#grid.style.setProperty('--tile-height', `${tileHeight}px`);
  }
}
