// Prints the results of a run as markdown tables. Usage: node report.js [results dir]
import { order, resultsIn, table } from './lib/markdown.js';

const dir = process.argv[2] ?? new URL('./results', import.meta.url).pathname;
const read = resultsIn(dir);

const machine = read('machine.json');
if (machine) {
  console.log(`Machine: ${machine.cpus} cores (${machine.cpu_model}), ${machine.memory_gib} GiB, Node ${machine.node}, .NET ${machine.dotnet}; `
    + `load average before ${machine.load_before?.join(' / ')}, after ${machine.load_after?.join(' / ') ?? '-'}.\n`);
}

const relay = read('relay.json');
if (relay?.length) {
  // Rows from run.sh --rounds carry rounds and p99_ms_range (generator/aggregate-rounds.js).
  const rounds = Math.max(...relay.map((r) => r.rounds ?? 1));
  const partial = relay.some((r) => (r.rounds ?? 1) < rounds);
  // null: a round delivered nothing at that step, worse than any latency.
  const range = (r) => (r.p99_ms_range?.every((v) => v === null) ? null : r.p99_ms_range?.map((v) => v ?? 'none').join('–'));
  console.log(`### Relay: one-way latency under offered load${rounds > 1 ? `, medians over ${rounds} rounds` : ''}\n`);
  if (rounds > 1) {
    console.log(`Each round ran every target once, on a fresh server. achieved/s, p50, p99, max, RSS and CPU: median of the rounds. `
      + 'p99 range: lowest–highest p99 of the rounds ("none": a round delivered nothing). lost: sum over the rounds.'
      + `${partial ? ' rounds: how many rounds measured the step (a round skips the rates above one it saturated at).' : ''}\n`);
  }
  console.log(table(
    ['target', 'transport', 'size B', 'offered/s', 'achieved/s', 'p50 ms', 'p99 ms', ...(rounds > 1 ? ['p99 range ms'] : []),
      'max ms', 'lost', ...(partial ? ['rounds'] : []), 'server RSS MB', 'server CPU %'],
    [...relay].sort((a, b) => a.size - b.size || a.rate - b.rate || order(a) - order(b))
      .map((r) => [r.target, r.transport, r.size, r.rate, r.achieved_per_s, r.p50_ms, r.p99_ms, ...(rounds > 1 ? [range(r)] : []),
        r.max_ms, r.lost, ...(partial ? [r.rounds ?? 1] : []), r.rss_mb, r.server_cpu_pct]),
  ));
  console.log();
}

const idle = read('idle.json');
if (idle?.length) {
  const rounds = Math.max(...idle.map((r) => r.rounds ?? 1));
  console.log(`### Idle connections: server memory per connection${rounds > 1 ? `, medians over ${rounds} rounds` : ''}\n`);
  if (rounds > 1) console.log('KB per connection and RSS: median of the rounds, each on a fresh server; range: lowest–highest KB per connection.\n');
  console.log(table(['target', 'transport', 'connections', 'KB per connection', ...(rounds > 1 ? ['range KB'] : []), 'RSS before MB', 'RSS after MB'],
    [...idle].sort((a, b) => order(a) - order(b)).map((r) => [r.target, r.transport, r.connections, r.kb_per_connection,
      ...(rounds > 1 ? [r.kb_per_connection_range?.join('–')] : []), r.baseline_rss_mb, r.rss_mb])));
  console.log();
}

const callsetup = read('callsetup.json');
if (callsetup) {
  console.log('### Call set-up: "Join now" to the first decoded remote frame (headless Chromium)\n');
  if (callsetup.unmeasured) console.log(`Unmeasured: ${callsetup.unmeasured}\n`);
  else {
    console.log(table(['participants', 'median ms, first remote frame', 'median ms, all remote frames', 'runs ms (first)'],
      callsetup.rows.map((r) => [r.participants, r.median_ms, r.median_all_ms, r.runs_ms.map((ms) => ms ?? 'timed out').join(', ')])));
    console.log();
    // The page's set-up marks (callsetup/timeline.js), for results that have them.
    for (const r of callsetup.rows.filter((row) => row.timeline)) {
      console.log(`${r.participants} participants, median ms from "Join now" (per peer: earliest peer / last peer):\n`);
      console.log(table(['step', 'ms'], [
        ...Object.entries(r.timeline.page).map(([step, ms]) => [step, ms]),
        ...Object.entries(r.timeline.peers).map(([step, { first, last }]) => [step, `${first} / ${last ?? '-'}`]),
      ]));
      console.log();
    }
  }
}
