// One step of offered load: `rate` signal messages per second for `seconds`, spread over all
// participants in turn (each to its room's peers in turn), then a drain. The send time travels in the
// payload and the receiver is this same process, so one clock measures the one-way latency.
import { performance } from 'node:perf_hooks';
import { Latencies } from './latency.js';
import { cpuSeconds, rssMb } from './server-process.js';

const sum = (pids, figure) => pids.reduce((n, pid) => n + figure(pid), 0);

const TICK_MS = 1;

/** A payload whose JSON is `size` bytes: {"step":..,"t":..,"pad":"xx.."}. */
export function payloadFactory(step, size) {
  const fixed = JSON.stringify({ step, t: 1e6 + 0.123456789, pad: '' }).length;
  const pad = 'x'.repeat(Math.max(0, size - fixed));
  return () => ({ step, t: performance.now(), pad });
}

/**
 * `serverPids`: the server's processes (several nodes: their RSS and CPU add up in rss_mb and server_cpu_pct).
 * `watched`: more processes to report on their own, [{ name, pids }], as `<name>_rss_mb` and `<name>_cpu_pct`
 * (bench/multinode: each node, Redis, nginx).
 */
export async function runStep({ participants, rate, size, seconds, drainSeconds, serverPids, watched = [], step }) {
  const latencies = new Latencies();
  let received = 0;
  let stale = 0;
  let lastReceipt = 0;
  for (const p of participants) {
    p.onSignal = (from, data) => {
      if (data?.step !== step) { stale++; return; }
      received++;
      lastReceipt = performance.now();
      latencies.add(lastReceipt - data.t);
    };
  }
  const payload = payloadFactory(step, size);
  const total = Math.round(rate * seconds);
  const errorsBefore = participants.reduce((n, p) => n + p.errors, 0);
  const serverCpuBefore = sum(serverPids, cpuSeconds);
  const watchedCpuBefore = watched.map(({ pids }) => sum(pids, cpuSeconds));
  const ownCpuBefore = process.cpuUsage();
  let sent = 0;
  let turn = 0;
  const started = performance.now();

  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      for (let tries = 0; sent < due && tries < 4 * participants.length; tries++) {
        const sender = participants[turn++ % participants.length];
        if (sender.peers.length === 0) continue;
        sender.send(sender.nextPeer(), payload());
        sent++;
        tries = 0;
      }
      if (sent >= total) resolve();
      else setTimeout(tick, TICK_MS);
    };
    tick();
  });
  const sendingEnded = performance.now();

  const drainUntil = sendingEnded + drainSeconds * 1000;
  while (received < sent && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
  const elapsed = (performance.now() - started) / 1000;
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const cpuPct = (pids, before) => Math.round(((sum(pids, cpuSeconds) - before) / elapsed) * 100);
  const watchedFigures = Object.fromEntries(watched.flatMap(({ name, pids }, i) => [
    [`${name}_rss_mb`, Math.round(sum(pids, rssMb))],
    [`${name}_cpu_pct`, cpuPct(pids, watchedCpuBefore[i])],
  ]));

  return {
    sent,
    received,
    lost: sent - received,
    stale,
    errors: participants.reduce((n, p) => n + p.errors, 0) - errorsBefore,
    // Delivered per second, from the first send to the last delivery: what the relay kept up with.
    achieved_per_s: Math.round(received / Math.max(seconds, (Math.max(sendingEnded, lastReceipt) - started) / 1000)),
    ...latencies.summary(),
    rss_mb: Math.round(sum(serverPids, rssMb)),
    server_cpu_pct: cpuPct(serverPids, serverCpuBefore),
    generator_cpu_pct: Math.round(((ownCpu.user + ownCpu.system) / 1e6 / elapsed) * 100),
    ...watchedFigures,
  };
}
