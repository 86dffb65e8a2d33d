// How good a media link is, from WebRTC's getStats(): round-trip time, packet loss, jitter and frames
// per second, in each direction, reduced to three levels. Pure: the numbers come in, nothing is read
// from a connection here (connection-monitor.js samples the connections).
// (quality.js is about something else: how much each sender may send in a mesh.)

export const LEVELS = ['good', 'fair', 'poor'];

// A figure at or past `fair` makes the link fair, at or past `poor` poor; the worst figure wins.
// Loss and jitter of this size are heard as choppy audio; 600 ms of round trip as people talking over
// each other. Frames per second count only for a camera (a shared screen sends few on purpose), and
// only downwards.
export const THRESHOLDS = {
  rttMs: { fair: 250, poor: 600 },
  lossPct: { fair: 2, poor: 6 },
  jitterMs: { fair: 30, poor: 80 },
  fps: { fair: 12, poor: 5 },
};

const worse = (a, b) => (LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);
const known = (value) => typeof value === 'number' && Number.isFinite(value);

/**
 * The level of one direction's figures ({rttMs, lossPct, jitterMs, fps}, any of them null when
 * unknown), or null when nothing is known. `camera` says whether the frame rate counts.
 */
export function qualityLevel(figures, { camera = false } = {}) {
  let level = null;
  for (const [key, limits] of Object.entries(THRESHOLDS)) {
    const value = figures?.[key];
    if (!known(value) || (key === 'fps' && !camera)) continue;
    const low = key === 'fps';
    const poor = low ? value < limits.poor : value >= limits.poor;
    const fair = low ? value < limits.fair : value >= limits.fair;
    level = worse(level ?? 'good', poor ? 'poor' : fair ? 'fair' : 'good');
  }
  return level;
}

/**
 * What to show given the levels measured so far, newest last: a link gets worse at once, and better only
 * once two samples in a row say so, so one lucky sample does not make the indicator flicker.
 */
export function shownLevel(recent) {
  const [previous, latest] = recent.slice(-2);
  if (latest === undefined) return previous ?? null;
  if (latest === null || previous === null || previous === undefined) return latest;
  return worse(previous, latest);
}

/**
 * The two directions of one peer connection from a stats report (any iterable of stats objects) and the
 * counters of the previous sample ({} the first time). Returns {down, up, counters}: `down` is what
 * reaches us from the peer, `up` what reaches the peer from us, per the peer's reports (RTCP).
 */
export function linkFigures(report, previous = {}) {
  const stats = [...(report?.values?.() ?? report ?? [])];
  const byId = new Map(stats.map((s) => [s.id, s]));
  const pair = selectedPair(stats, byId);
  const rttMs = known(pair?.currentRoundTripTime) ? pair.currentRoundTripTime * 1000 : null;

  const inbound = stats.filter((s) => s.type === 'inbound-rtp');
  const video = inbound.find((s) => s.kind === 'video');
  const at = Math.max(0, ...inbound.map((s) => s.timestamp ?? 0));
  const counters = { frames: video?.framesDecoded ?? null, at };
  for (const kind of ['audio', 'video']) {
    const streams = inbound.filter((s) => s.kind === kind);
    counters[kind] = { received: sum(streams, 'packetsReceived'), lost: sum(streams, 'packetsLost') };
  }
  const down = {
    rttMs,
    lossPct: worstLoss(counters, previous),
    jitterMs: jitter(inbound),
    fps: frameRate(counters, previous),
  };

  const remote = stats.filter((s) => s.type === 'remote-inbound-rtp');
  // The peer's receiver reports: audio's loss when we send audio (video's own count includes losses that
  // retransmission repairs), else video's.
  const reported = remote.find((s) => s.kind === 'audio' && known(s.fractionLost)) ?? remote.find((s) => known(s.fractionLost));
  const remoteRtts = remote.map((s) => s.roundTripTime).filter(known);
  const outVideo = stats.find((s) => s.type === 'outbound-rtp' && s.kind === 'video');
  const up = {
    rttMs: rttMs ?? (remoteRtts.length ? Math.max(...remoteRtts) * 1000 : null),
    lossPct: reported ? reported.fractionLost * 100 : null,
    jitterMs: jitter(remote),
    fps: known(outVideo?.framesPerSecond) ? outVideo.framesPerSecond : null,
  };
  return { down, up, counters };
}

/** Of several peers' uplink figures, the best: our own uplink is bad only when it is bad towards everyone. */
export function uplinkOf(entries, options) {
  let best = null;
  for (const figures of entries) {
    const level = qualityLevel(figures, options);
    if (level === null) continue;
    if (best === null || LEVELS.indexOf(level) < LEVELS.indexOf(best.level)) best = { level, figures };
  }
  return best;
}

function selectedPair(stats, byId) {
  const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
  return byId.get(transport?.selectedCandidatePairId)
    ?? stats.find((s) => s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded');
}

function sum(stats, key) {
  return stats.reduce((total, s) => total + (known(s[key]) ? s[key] : 0), 0);
}

/**
 * Loss in the interval, of audio and of video apart, the worse of the two. Summing them would hide
 * audio's loss (what people hear) under the many more video packets, most of whose losses retransmission
 * repairs before they are counted.
 */
function worstLoss(now, previous) {
  if (previous.at === undefined) return null; // the first sample has no interval yet
  let worst = null;
  for (const kind of ['audio', 'video']) {
    const lost = Math.max(0, now[kind].lost - (previous[kind]?.lost ?? 0));
    const total = Math.max(0, now[kind].received - (previous[kind]?.received ?? 0)) + lost;
    if (total > 0) worst = Math.max(worst ?? 0, (lost / total) * 100);
  }
  return worst;
}

/** Jitter of the audio stream when there is one (what people hear), else of the video. */
function jitter(streams) {
  const stream = streams.find((s) => s.kind === 'audio' && known(s.jitter)) ?? streams.find((s) => known(s.jitter));
  return stream ? stream.jitter * 1000 : null;
}

function frameRate(now, previous) {
  if (now.frames === null || !known(previous.frames) || !(now.at > previous.at)) return null;
  return (Math.max(0, now.frames - previous.frames) * 1000) / (now.at - previous.at);
}
