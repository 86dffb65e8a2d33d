// Pass or fail, with the reasons, from the samples and the final state of a soak.
import { round } from './server-figures.js';

/** Least-squares slope of y over x (per unit of x), or null with fewer than 3 points. */
export function slope(points) {
  if (points.length < 3) return null;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return sxy / sxx;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
};

/** RSS and managed heap trend over the churn samples from `warmupMin` on, in MB per minute. */
export function trend(samples, warmupMin) {
  const steady = samples.filter((s) => s.phase === 'churn' && s.t_s >= warmupMin * 60);
  const per = (key, from = steady) => {
    const points = from.filter((s) => s[key] != null).map((s) => ({ x: s.t_s / 60, y: s[key] }));
    const m = slope(points);
    return m === null ? null : round(m, 2);
  };
  const third = Math.floor(steady.length / 3);
  return {
    from_minute: warmupMin,
    samples: steady.length,
    rss_slope_mb_per_min: per('rss_mb'),
    heap_slope_mb_per_min: per('heap_mb'),
    rss_anon_slope_mb_per_min: per('rss_anon_mb'),
    rss_file_slope_mb_per_min: per('rss_file_mb'),
    // Not part of the verdict: tells a plateau reached late from a steady climb.
    rss_slope_second_half_mb_per_min: per('rss_mb', steady.slice(Math.floor(steady.length / 2))),
    rss_median_middle_third_mb: median(steady.slice(third, 2 * third).map((s) => s.rss_mb)),
    rss_median_last_third_mb: median(steady.slice(2 * third).map((s) => s.rss_mb)),
  };
}

export function verdict({ trendFigures, slopeLimit, lost, leftovers, logProblems, clientProblems }) {
  const why = [];
  const m = trendFigures.rss_slope_mb_per_min;
  if (m === null) why.push('too few samples after the warm-up for an RSS slope');
  else if (m >= slopeLimit) why.push(`RSS grows ${m} MB/min after minute ${trendFigures.from_minute} (limit ${slopeLimit})`);
  if (lost > 0) why.push(`${lost} messages lost`);
  const left = Object.entries(leftovers).filter(([, v]) => v !== 0);
  if (left.length) why.push(`left after everyone left: ${left.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (logProblems.length) why.push(`${logProblems.length} error lines in the server log, first: ${logProblems[0]}`);
  why.push(...clientProblems);
  return { pass: why.length === 0, why };
}
