// Sender caps for a full mesh: each participant uploads one copy of its video per peer, so the more
// peers, the less each copy may take. Eight people (seven peers) must stay usable on a home uplink.

const CAMERA_STEPS = [
  { upTo: 1, maxBitrate: 1_500_000, scaleResolutionDownBy: 1, maxFramerate: 30 },
  { upTo: 2, maxBitrate: 800_000, scaleResolutionDownBy: 1.5, maxFramerate: 30 },
  { upTo: 3, maxBitrate: 500_000, scaleResolutionDownBy: 2, maxFramerate: 24 },
  { upTo: 5, maxBitrate: 350_000, scaleResolutionDownBy: 2.5, maxFramerate: 20 },
  { upTo: Infinity, maxBitrate: 250_000, scaleResolutionDownBy: 3, maxFramerate: 15 },
];

/**
 * Encoding parameters for one outgoing video when the sender has `peerCount` peers. A shared screen
 * keeps its full resolution (text must stay legible) and gives up frame rate instead.
 */
export function videoCaps(peerCount, { screen = false } = {}) {
  const peers = Math.max(1, peerCount);
  if (screen) {
    const maxBitrate = Math.max(500_000, Math.round(2_500_000 / peers));
    return { maxBitrate, scaleResolutionDownBy: 1, maxFramerate: peers > 3 ? 5 : 15 };
  }
  const { maxBitrate, scaleResolutionDownBy, maxFramerate } = CAMERA_STEPS.find((s) => peers <= s.upTo);
  return { maxBitrate, scaleResolutionDownBy, maxFramerate };
}

/** Audio stays cheap and constant: speech is what a call cannot lose. */
export const AUDIO_MAX_BITRATE = 48_000;
