// The call's set-up timeline: one User Timing mark per step, so that a benchmark (bench/callsetup) or a
// developer in the console can see where the time from "Join now" to the remote videos goes:
// `performance.getEntriesByType('mark').filter((m) => m.name.startsWith('call:'))`.
//
// Each mark is named `call:<step>`; its `detail` is `{peer}`, the remote participant's id, or null for a
// step of the page as a whole (`join-clicked`, `room-ready`, `ice-servers`, and `welcome`, whose detail
// is `{self, peers}`: one's own id and how many were there). Per peer: `peer-created` (detail also has
// `polite`), `offer-sent`, `offer-received`, `offer-ignored` or `offer-rolled-back` (glare),
// `answer-sent`, `answer-received`, `audio-track`, `video-track`, `ice-gathered` (the last local
// candidate), `ice-connected`, `connected` (DTLS too) and `first-frame` (the tile's first video frame).
// A step that happens again (a renegotiation, an ICE restart, a resume) is marked again.

export const MARK_PREFIX = 'call:';

/** Marks one step; `detail` goes with it (by default `{peer: null}`: the page as a whole). */
export function markStep(step, detail = { peer: null }) {
  performance.mark(`${MARK_PREFIX}${step}`, { detail });
}

/** Marks one step of the connection to the remote participant `peer`. */
export function markPeerStep(step, peer) {
  markStep(step, { peer });
}

const watchedVideos = new WeakMap();

/**
 * Marks `first-frame` for `peer` when `video` presents its first frame of the stream it shows now (once
 * per stream: a stream event for the audio track after the video's does not mark it again).
 */
export function markFirstFrame(peer, video) {
  if (!video?.requestVideoFrameCallback || !video.srcObject || watchedVideos.get(video) === video.srcObject) return;
  watchedVideos.set(video, video.srcObject);
  video.requestVideoFrameCallback(() => markPeerStep('first-frame', peer));
}
