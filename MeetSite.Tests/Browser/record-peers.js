// Test-harness only (added with BrowserContext.AddInitScriptAsync): records every RTCPeerConnection the
// page makes in window.__peerConnections, so tests can read getStats(). Added before any other shim.
(() => {
  const Native = window.RTCPeerConnection;
  if (!Native || Native.__meetsiteRecorded) return;
  window.__peerConnections = [];
  class RecordedPeerConnection extends Native {
    constructor(...args) {
      super(...args);
      window.__peerConnections.push(this);
    }
  }
  RecordedPeerConnection.__meetsiteRecorded = true;
  window.RTCPeerConnection = RecordedPeerConnection;
})();
