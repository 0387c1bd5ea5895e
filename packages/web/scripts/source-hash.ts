import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The web package's folder (packages/web). */
export const WEB_ROOT = new URL('..', import.meta.url).pathname;
export const DIST = join(WEB_ROOT, 'dist');
/** Written into dist/ by a build: the source hash it was built from. */
export const STAMP = join(DIST, '.build-stamp');

const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'scripts/build.ts'];

function* files(path: string): Generator<string> {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (name === 'node_modules' || name.endsWith('.test.ts')) continue;
      yield* files(join(path, name));
    }
  } else yield path;
}

/** SHA-256 over the names and contents of everything a build reads from this package. */
export function sourceHash(root = WEB_ROOT): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of files(join(root, input))) {
      hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  return hash.digest('hex');
}
