// Test-harness only (added with BrowserContext.AddInitScriptAsync); the product never filters candidates.
// Keeps WebRTC on loopback: candidates not on 127.0.0.1 / ::1 are neither handed to the page nor
// accepted from it, so every packet the test sends stays on this machine. End-of-candidates (null) passes.
(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || Native.__meetsiteShim) return;
  const onLoopback = (candidate) => {
    if (!candidate) return true;
    const text = typeof candidate === 'string' ? candidate : candidate.candidate;
    if (!text) return true;
    const address = text.split(' ')[4];
    return address === '127.0.0.1' || address === '::1';
  };

  class LoopbackPeerConnection extends Native {
    constructor(...args) {
      super(...args);
      const pc = this;
      const listeners = new Map();
      const add = EventTarget.prototype.addEventListener;
      const remove = EventTarget.prototype.removeEventListener;
      this.addEventListener = function (type, listener, options) {
        if (type !== 'icecandidate' || typeof listener !== 'function') {
          return add.call(pc, type, listener, options);
        }
        const filtered = (event) => { if (onLoopback(event.candidate)) listener.call(pc, event); };
        listeners.set(listener, filtered);
        return add.call(pc, type, filtered, options);
      };
      this.removeEventListener = function (type, listener, options) {
        return remove.call(pc, type, listeners.get(listener) ?? listener, options);
      };
      let handler = null;
      Object.defineProperty(this, 'onicecandidate', {
        get: () => handler,
        set: (value) => {
          if (handler) this.removeEventListener('icecandidate', handler);
          handler = value;
          if (value) this.addEventListener('icecandidate', value);
        },
      });
    }

    addIceCandidate(candidate, ...rest) {
      return onLoopback(candidate) ? super.addIceCandidate(candidate, ...rest) : Promise.resolve();
    }
  }
  LoopbackPeerConnection.__meetsiteShim = true;
  window.RTCPeerConnection = LoopbackPeerConnection;
})();
