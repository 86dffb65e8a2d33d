// Results are JSON arrays; each run of a bench appends its rows, run.sh starts them empty.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function appendRows(path, rows) {
  const existing = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : [];
  writeFileSync(path, JSON.stringify([...existing, ...rows], null, 2) + '\n');
}
