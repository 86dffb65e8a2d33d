// Test-harness only: evaluated in a page to tell how each peer connection got through. Returns, per open
// RTCPeerConnection, the selected candidate pair's local and remote candidate types (host, srflx, prflx,
// relay), the local relay's protocol to the TURN server, and the types of every local candidate gathered.
async () => {
  const result = [];
  for (const pc of window.__peerConnections ?? []) {
    if (pc.connectionState === 'closed') continue;
    const stats = await pc.getStats();
    let pair = null;
    stats.forEach((s) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId);
    });
    const local = pair ? stats.get(pair.localCandidateId) : null;
    const remote = pair ? stats.get(pair.remoteCandidateId) : null;
    const gathered = [];
    stats.forEach((s) => { if (s.type === 'local-candidate') gathered.push(s.candidateType); });
    result.push({
      state: pc.connectionState,
      local: local?.candidateType ?? null,
      remote: remote?.candidateType ?? null,
      relayProtocol: local?.relayProtocol ?? null,
      gathered,
    });
  }
  return result;
}
