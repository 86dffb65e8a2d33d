// The machine a run was made on and how busy it was: `before` prints a fresh record, `after <file>`
// adds the load averages at the end. The figures of a run only compare with each other.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

const [when, file] = process.argv.slice(2);
const load = () => loadavg().map((l) => Math.round(l * 100) / 100);
const version = (cmd) => { try { return execSync(cmd, { encoding: 'utf8' }).trim(); } catch { return null; } };

const info = when === 'after'
  ? { ...JSON.parse(readFileSync(file, 'utf8')), finished: new Date().toISOString(), load_after: load() }
  : {
      started: new Date().toISOString(),
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model,
      memory_gib: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      dotnet: version('dotnet --version'),
      load_before: load(),
    };
console.log(JSON.stringify(info, null, 2));
