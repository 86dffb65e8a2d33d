// Test-harness only (added with BrowserContext.AddInitScriptAsync): records every RTCPeerConnection the
// page makes in window.__peerConnections, so tests can read getStats(), and keeps in each one's __log what
// happened to it (descriptions set, with their ICE ufrag; state changes); __state() sums it up for tests
// (Participant.PeerConnectionStatesAsync), and a test that finds a connection renegotiated can say why.
// Added before any other shim.
(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || Native.__meetsiteRecorded) return;
  window.__peerConnections = [];
  const started = performance.now();
  const ufragOf = (description) => /a=ice-ufrag:(\S+)/.exec(description?.sdp ?? '')?.[1] ?? '';
  class RecordedPeerConnection extends Native {
    constructor(...args) {
      super(...args);
      this.__log = [];
      this.__descriptions = 0;
      window.__peerConnections.push(this);
      const states = { connectionstatechange: 'connectionState', iceconnectionstatechange: 'iceConnectionState', signalingstatechange: 'signalingState' };
      for (const [event, state] of Object.entries(states)) {
        this.addEventListener(event, () => this.__note(`${state}=${this[state]}`));
      }
      this.addEventListener('negotiationneeded', () => this.__note('negotiationneeded'));
    }

    /** Closed or not, how many descriptions were set, the remote ICE ufrag (new after an ICE restart), the log. */
    __state() {
      return {
        closed: this.connectionState === 'closed',
        descriptions: this.__descriptions,
        ufrag: ufragOf(this.currentRemoteDescription),
        log: this.__log,
      };
    }

    __note(what) {
      this.__log.push(`${((performance.now() - started) / 1000).toFixed(2)} ${what}`);
    }

    async setLocalDescription(...args) {
      const result = await super.setLocalDescription(...args);
      this.__descriptions += 1;
      this.__note(`local ${this.localDescription?.type} ufrag=${ufragOf(this.localDescription)}`);
      return result;
    }

    async setRemoteDescription(description, ...rest) {
      this.__note(`remote ${description?.type} ufrag=${ufragOf(description)}`);
      this.__descriptions += 1;
      return super.setRemoteDescription(description, ...rest);
    }

    restartIce() {
      this.__note('restartIce');
      return super.restartIce();
    }
  }
  RecordedPeerConnection.__meetsiteRecorded = true;
  window.RTCPeerConnection = RecordedPeerConnection;
})();
