/**
 * Builds the web UI into dist/ with Vite, then writes a brotli and a gzip copy of every compressible file
 * beside it (the server sends those as they are) and a stamp of the source hash (scripts/ensure-build.ts).
 *
 *   node packages/web/scripts/build.ts        (npm run build -w @patchbay/web)
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'vite';
import { DIST, STAMP, WEB_ROOT, sourceHash } from './source-hash.ts';

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.txt', '.map']);

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else yield full;
  }
}

export async function buildUi(options: { quiet?: boolean } = {}): Promise<{ files: number; bytes: number; brotliBytes: number }> {
  const hash = sourceHash();
  // Always React's production build, whoever runs it: Vite and its React plugin keep a NODE_ENV they inherit,
  // and the browser tests build from inside vitest (NODE_ENV=test), which would ship React's development build.
  const inherited = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: WEB_ROOT, configFile: join(WEB_ROOT, 'vite.config.ts'), mode: 'production', logLevel: options.quiet ? 'warn' : 'info' });
  } finally {
    if (inherited === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = inherited;
  }
  let count = 0;
  let bytes = 0;
  let brotliBytes = 0;
  for (const file of [...files(DIST)]) {
    if (!COMPRESSIBLE.has(extname(file))) continue;
    const content = readFileSync(file);
    const br = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
    writeFileSync(`${file}.br`, br);
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
    count += 1;
    bytes += content.length;
    brotliBytes += br.length;
  }
  writeFileSync(STAMP, `${hash}\n`);
  return { files: count, bytes, brotliBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  const r = await buildUi();
  process.stdout.write(`web UI built in ${((performance.now() - started) / 1000).toFixed(1)} s: ${r.files} files, ${(r.bytes / 1024).toFixed(0)} KiB (${(r.brotliBytes / 1024).toFixed(0)} KiB brotli) in ${DIST}\n`);
}
