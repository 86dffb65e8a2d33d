// What every target's client looks like to the load generator: an id given by the relay, the peers of
// its room (kept up to date from welcome/joined/left), send(to, data), and onSignal(from, data).
// onChat, onError and onClosed are for the soak (MeetSite only): it tells churn from loss by them.
export class Participant {
  id = null;
  peers = [];
  errors = 0;
  onSignal = () => {};
  onChat = () => {};
  onError = () => {};
  onClosed = () => {};
  #next = 0;
  #waiters = [];

  welcome(id, others) {
    this.id = id;
    for (const peer of others) this.addPeer(peer);
    this.#wake();
  }

  addPeer(id) {
    if (!this.peers.includes(id)) this.peers.push(id);
    this.#wake();
  }

  removePeer(id) {
    this.peers = this.peers.filter((p) => p !== id);
  }

  /** The peers in turn, so every pair of the room carries the same share. */
  nextPeer() {
    const peer = this.peers[this.#next % this.peers.length];
    this.#next++;
    return peer;
  }

  /** Resolves once the relay has told us our id and at least `count` peers. */
  waitForPeers(count, timeoutMs) {
    if (this.id !== null && this.peers.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${this.peers.length} of ${count} peers after ${timeoutMs} ms`)), timeoutMs);
      this.#waiters.push({ count, resolve: () => { clearTimeout(timer); resolve(); } });
    });
  }

  #wake() {
    if (this.id === null) return;
    const ready = this.#waiters.filter((w) => this.peers.length >= w.count);
    this.#waiters = this.#waiters.filter((w) => this.peers.length < w.count);
    for (const w of ready) w.resolve();
  }
}
