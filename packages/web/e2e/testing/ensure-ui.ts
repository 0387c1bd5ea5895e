import { closeSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildUi } from '../../scripts/build.ts';
import { staleness } from '../../scripts/ensure-build.ts';
import { DIST } from '../../scripts/source-hash.ts';

/**
 * The built UI for the browser tests: built once per change of its sources (the stamp in dist/ holds
 * their hash), so a run with unchanged sources builds nothing. A lock file keeps parallel files from
 * building at once.
 */
export async function ensureUi(): Promise<string> {
  const lock = join(DIST, '..', '.build.lock');
  for (let waited = 0; ; waited += 200) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      if (waited > 120_000) throw new Error(`${lock} is held for two minutes: remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (staleness()) await buildUi({ quiet: true });
  } finally {
    rmSync(lock, { force: true });
  }
  return DIST;
}
