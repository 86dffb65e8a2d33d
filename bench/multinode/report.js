// Prints bench/multinode's results as markdown: one row per target, transport, size and rate, with the
// figures of each node, of Redis and of nginx. Usage: node bench/multinode/report.js [results dir]
import { order, resultsIn, table } from '../lib/markdown.js';

const dir = process.argv[2] ?? new URL('../results', import.meta.url).pathname;
const read = resultsIn(dir);

const machine = read('multinode-machine.json');
if (machine) {
  console.log(`Machine: ${machine.cpus} cores (${machine.cpu_model}), ${machine.memory_gib} GiB, Node ${machine.node}, .NET ${machine.dotnet}; `
    + `load average before ${machine.load_before?.join(' / ')}, after ${machine.load_after?.join(' / ') ?? '-'}.\n`);
}

const rows = read('multinode.json');
if (rows?.length) {
  const rounds = Math.max(...rows.map((r) => r.rounds ?? 1));
  const range = (r) => (r.p99_ms_range?.every((v) => v === null) ? null : r.p99_ms_range?.map((v) => v ?? 'none').join('–'));
  console.log(`### Relay through nginx to two nodes on Redis: one-way latency under offered load${rounds > 1 ? `, medians over ${rounds} rounds` : ''}\n`);
  console.log('RSS: node 1 + node 2. CPU in % of one core: both nodes together, Redis, nginx (master and workers). '
    + 'load: the 1-minute load average at the step\'s end.'
    + `${rounds > 1 ? ' p99 range: lowest–highest p99 of the rounds. lost: sum over the rounds; the rest: medians.' : ''}\n`);
  console.log(table(
    ['target', 'transport', 'size B', 'offered/s', 'achieved/s', 'p50 ms', 'p99 ms', ...(rounds > 1 ? ['p99 range ms'] : []),
      'max ms', 'lost', 'nodes RSS MB', 'nodes CPU %', 'Redis CPU %', 'nginx CPU %', 'load'],
    [...rows].sort((a, b) => a.size - b.size || a.rate - b.rate || order(a) - order(b))
      .map((r) => [r.target, r.transport, r.size, r.rate, r.achieved_per_s, r.p50_ms, r.p99_ms, ...(rounds > 1 ? [range(r)] : []),
        r.max_ms, r.lost, `${r.node1_rss_mb} + ${r.node2_rss_mb}`, r.server_cpu_pct, r.redis_cpu_pct, r.nginx_cpu_pct, r.load_avg_1m]),
  ));
}
