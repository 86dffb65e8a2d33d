// What the report scripts share: reading a results folder, the targets' order, markdown tables.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A reader of `dir`'s JSON files: null for a file that is not there. */
export const resultsIn = (dir) => (name) => (existsSync(join(dir, name)) ? JSON.parse(readFileSync(join(dir, name), 'utf8')) : null);

/** MeetSite, socket.io, SignalR; each target's WebSocket row before its long-polling one. */
export const order = (r) => ['meetsite', 'socket.io', 'signalr'].indexOf(r.target) * 2 + (r.transport === 'websocket' ? 0 : 1);

const cell = (v) => (v === null || v === undefined ? '-' : String(v));

export const table = (headers, rows) => [
  `| ${headers.join(' | ')} |`,
  `| ${headers.map(() => '---').join(' | ')} |`,
  ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
].join('\n');
