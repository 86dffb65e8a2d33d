// The largest managed types of a `dotnet-gcdump report` (which lists each type once per size bucket, as
// bytes per object and count), summed per type: total KB, objects, type. Usage: node top-types.js REPORT [N]
import { readFileSync } from 'node:fs';

const [file, n = '25'] = process.argv.slice(2);
const totals = new Map();
for (const line of readFileSync(file, 'utf8').split('\n')) {
  const row = /^\s*([\d,]+)\s+([\d,]+)\s+(.+?)(?: \(Bytes > [^)]*\))?\s+\[(.+)\]\s*$/.exec(line);
  if (!row) continue;
  const [bytes, count] = [row[1], row[2]].map((x) => Number(x.replaceAll(',', '')));
  const type = `${row[3]} [${row[4]}]`;
  const t = totals.get(type) ?? { bytes: 0, count: 0 };
  totals.set(type, { bytes: t.bytes + bytes * count, count: t.count + count });
}
const all = [...totals.values()].reduce((s, t) => s + t.bytes, 0);
console.log(`${(all / 1024 / 1024).toFixed(1)} MB in ${totals.size} types`);
for (const [type, t] of [...totals].sort((x, y) => y[1].bytes - x[1].bytes).slice(0, Number(n))) {
  console.log(`${String(Math.round(t.bytes / 1024)).padStart(8)} KB ${String(t.count).padStart(8)}  ${type}`);
}
