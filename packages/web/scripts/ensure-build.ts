/**
 * Builds the web UI when dist/ is missing or was built from other sources (the stamp holds the source
 * hash), so `npm start` (its prestart) always serves the UI of the checkout; otherwise does nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, STAMP, sourceHash } from './source-hash.ts';

/** Why dist/ needs a build, or null when it is current. */
export function staleness(): string | null {
  if (!existsSync(join(DIST, 'index.html'))) return 'not built yet';
  const stamp = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : '';
  return stamp === sourceHash() ? null : 'sources changed since the last build';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const reason = staleness();
  if (reason) {
    process.stdout.write(`web UI: ${reason}; building…\n`);
    const { buildUi } = await import('./build.ts');
    const started = performance.now();
    await buildUi({ quiet: true });
    process.stdout.write(`web UI: built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }
}
