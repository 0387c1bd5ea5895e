/**
 * `npm test`: the whole suite. Static checks first (dependency direction, lint, types), then every vitest
 * suite against PGlite and the real PostgreSQL server. Ends with one line `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const outDir = 'test-output';
mkdirSync(outDir, { recursive: true });
const results = `${outDir}/vitest-results.json`;

function step(name: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n== ${name}\n`);
  const r = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return r.status === 0;
}

const staticChecks = [
  step('dependency direction', 'node', ['scripts/check-deps.ts']),
  step('lint', 'eslint', ['.', '--max-warnings=0']),
  step('types', 'tsc', ['-p', 'tsconfig.json']),
  step('types (web UI: DOM and JSX)', 'tsc', ['-p', 'packages/web/tsconfig.json']),
];
const staticFailed = staticChecks.filter((ok) => !ok).length;

const extra = process.argv.slice(2);
step('tests', 'vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${results}`, ...extra]);

let passed = 0;
let failed = staticFailed;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(results, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; testResults: { status: string; assertionResults: unknown[] }[] };
  passed = json.numPassedTests;
  failed += json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
  // A file that failed to load has no assertions but still failed.
  failed += json.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
} catch {
  failed += 1;
  process.stderr.write('vitest produced no results file\n');
}
const summary = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
writeFileSync(`${outDir}/summary.txt`, `${summary}\n`);
process.stdout.write(`\n${summary}\n`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
