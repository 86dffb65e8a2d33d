// Who is speaking: one small analyser per audio track, sampled a few times a second. The decision
// (a level threshold with a hangover so the highlight does not flicker between words) is pure.

const SAMPLE_MS = 150;
const THRESHOLD = 0.015;
const HANGOVER_MS = 600;

/** Next state given the current RMS level: speaking turns on at once, and off only after a pause. */
export function nextSpeakingState(state, level, now, { threshold = THRESHOLD, hangoverMs = HANGOVER_MS } = {}) {
  if (level >= threshold) return { speaking: true, lastLoud: now };
  const speaking = state.speaking && now - state.lastLoud < hangoverMs;
  return { speaking, lastLoud: state.lastLoud };
}

/** Root mean square of a block of samples in [-1, 1]. */
export function rms(samples) {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

export class SpeakingDetector {
  #context = null;
  #watched = new Map();
  #timer = 0;
  #onChange;

  /** `onChange(key, speaking)` is called only when a key's state flips. */
  constructor(onChange) {
    this.#onChange = onChange;
  }

  /** Starts (or restarts) watching the audio of `stream` under `key`. */
  watch(key, stream) {
    this.unwatch(key);
    const track = stream?.getAudioTracks()[0];
    if (!track || typeof AudioContext === 'undefined') return;
    this.#context ??= new AudioContext();
    if (this.#context.state === 'suspended') this.#context.resume().catch(() => {});
    const source = this.#context.createMediaStreamSource(new MediaStream([track]));
    const analyser = this.#context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    this.#watched.set(key, { source, analyser, buffer: new Float32Array(analyser.fftSize), state: { speaking: false, lastLoud: 0 } });
    this.#timer ||= setInterval(() => this.#sample(), SAMPLE_MS);
  }

  unwatch(key) {
    const entry = this.#watched.get(key);
    if (!entry) return;
    entry.source.disconnect();
    this.#watched.delete(key);
    if (entry.state.speaking) this.#onChange(key, false);
    if (this.#watched.size === 0) {
      clearInterval(this.#timer);
      this.#timer = 0;
    }
  }

  close() {
    for (const key of [...this.#watched.keys()]) this.unwatch(key);
    this.#context?.close().catch(() => {});
    this.#context = null;
  }

  #sample() {
    const now = performance.now();
    for (const [key, entry] of this.#watched) {
      entry.analyser.getFloatTimeDomainData(entry.buffer);
      const next = nextSpeakingState(entry.state, rms(entry.buffer), now);
      if (next.speaking !== entry.state.speaking) this.#onChange(key, next.speaking);
      entry.state = next;
    }
  }
}
