// Samples every peer connection's getStats() every two seconds and reports how good each link is
// (link-quality.js decides): `onPeer(id, {level, figures} | null)` for what reaches us from each
// person, `onUplink({level, figures} | null)` for what we send, judged by the best of our peers.

import { linkFigures, qualityLevel, shownLevel, uplinkOf } from './link-quality.js';

const SAMPLE_MS = 2000;

export class ConnectionMonitor {
  #source;
  #onPeer;
  #onUplink;
  #links = new Map();
  #uplinkLevels = [];
  #timer = 0;
  #running = false;

  /**
   * `source` is {peers(): ids, connectionTo(id): RTCPeerConnection | null, cameraOf(id): whether that
   * person sends a camera, ownCamera(): whether we do}.
   */
  constructor(source, { onPeer, onUplink }) {
    this.#source = source;
    this.#onPeer = onPeer;
    this.#onUplink = onUplink;
  }

  start() {
    if (this.#running) return;
    this.#running = true;
    this.#schedule();
  }

  stop() {
    this.#running = false;
    clearTimeout(this.#timer);
  }

  #schedule() {
    this.#timer = setTimeout(() => this.#sample().finally(() => this.#running && this.#schedule()), SAMPLE_MS);
  }

  async #sample() {
    const peers = this.#source.peers();
    const uplinks = [];
    for (const id of peers) {
      const pc = this.#source.connectionTo(id);
      if (pc?.connectionState !== 'connected') {
        this.#links.delete(id);
        this.#onPeer(id, null);
        continue;
      }
      const link = this.#links.get(id) ?? { counters: {}, levels: [] };
      let figures;
      try {
        figures = linkFigures(await pc.getStats(), link.counters);
      } catch {
        continue; // closed while we asked
      }
      link.counters = figures.counters;
      link.levels = [...link.levels.slice(-1), qualityLevel(figures.down, { camera: this.#source.cameraOf(id) })];
      this.#links.set(id, link);
      this.#onPeer(id, { level: shownLevel(link.levels), figures: figures.down });
      uplinks.push(figures.up);
    }
    for (const id of this.#links.keys()) if (!peers.includes(id)) this.#links.delete(id);
    const uplink = uplinkOf(uplinks, { camera: this.#source.ownCamera() });
    this.#uplinkLevels = [...this.#uplinkLevels.slice(-1), uplink?.level ?? null];
    this.#onUplink(uplink ? { level: shownLevel(this.#uplinkLevels), figures: uplink.figures } : null);
  }
}
