// Appends one MeetSite run's spread of meeting homes to a results file: reads "<node url> <count>" lines
// (cluster.sh's meetsite_homes) on stdin. Usage: ... | node homes.js <round> <transport> <node1 port> <node2 port> <file>
import { readFileSync } from 'node:fs';
import { appendRows } from '../generator/results-file.js';

const [round, transport, port1, port2, file] = process.argv.slice(2);
const counts = Object.fromEntries(readFileSync(0, 'utf8').trim().split('\n').filter(Boolean)
  .map((line) => line.split(' ')).map(([url, n]) => [new URL(url).port, Number(n)]));
const homes = { node1: counts[port1] ?? 0, node2: counts[port2] ?? 0 };
appendRows(file, [{ target: 'meetsite', transport, round: Number(round), meetings_homed: homes }]);
console.error(`meetsite ${transport}: meetings homed on node 1: ${homes.node1}, on node 2: ${homes.node2}`);
