/**
 * `npm run bench` runs every benchmark in bench/ (each a `bench/<name>.ts` script that writes JSON lines
 * to bench/results/<name>.jsonl and prints its table); `npm run bench -- NAME [NAME...]` runs those only.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}\navailable: ${available.join(', ')}\n`);
  process.exit(2);
}

let failed = 0;
for (const name of wanted.length ? wanted : available) {
  process.stdout.write(`\n=== bench ${name}\n`);
  const r = spawnSync(process.execPath, [`${dir}${name}.ts`], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    process.stderr.write(`bench ${name} failed (exit ${r.status})\n`);
  }
}
process.exit(failed ? 1 : 0);
