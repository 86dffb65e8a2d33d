// Test-harness only: evaluated in a page to tell whether media really plays.
// Returns, per <video> in a tile labelled `label`, its size and time, and the summed inbound stats.
async (label) => {
  const tile = [...document.querySelectorAll('[role="figure"]')]
    .find((el) => el.getAttribute('aria-label') === label);
  const video = tile?.querySelector('video');
  let framesDecoded = 0;
  let audioPackets = 0;
  for (const pc of window.__peerConnections ?? []) {
    if (pc.connectionState === 'closed') continue;
    const stats = await pc.getStats();
    stats.forEach((s) => {
      if (s.type !== 'inbound-rtp') return;
      if (s.kind === 'video') framesDecoded += s.framesDecoded ?? 0;
      if (s.kind === 'audio') audioPackets += s.packetsReceived ?? 0;
    });
  }
  return {
    found: !!tile,
    width: video?.videoWidth ?? 0,
    height: video?.videoHeight ?? 0,
    time: video?.currentTime ?? 0,
    framesDecoded,
    audioPackets,
  };
}
