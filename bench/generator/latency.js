// One-way latencies of a step, in milliseconds, and their percentiles.
export class Latencies {
  #samples = new Float64Array(1024);
  count = 0;

  add(ms) {
    if (this.count === this.#samples.length) {
      const bigger = new Float64Array(this.#samples.length * 2);
      bigger.set(this.#samples);
      this.#samples = bigger;
    }
    this.#samples[this.count++] = ms;
  }

  summary() {
    const sorted = this.#samples.slice(0, this.count).sort();
    const at = (q) => (sorted.length === 0 ? null : round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]));
    return { p50_ms: at(0.5), p99_ms: at(0.99), max_ms: sorted.length === 0 ? null : round(sorted[sorted.length - 1]) };
  }
}

const round = (ms) => Math.round(ms * 100) / 100;
