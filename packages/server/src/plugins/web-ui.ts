import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PatchbayError } from '@patchbay/types';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.map', '.ico']);

/** Hashed build output (Vite's `assets/name-[hash].ext`): the content never changes under the name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else, index.html first: revalidate every time (the ETag makes that a 304). */
const REVALIDATE = 'no-cache';

/**
 * The UI's own rules: scripts and styles from the hub only, no framing, nothing leaks in the Referer.
 * 'unsafe-eval' is there for one reason: the forms validate against the connectors' JSON Schemas, which
 * arrive from the API at run time, and Ajv compiles each schema into a function. Inline scripts stay refused.
 */
const CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

interface UiFile {
  readonly type: string;
  readonly etag: string;
  readonly cacheControl: string;
  readonly identity: Buffer;
  readonly br?: Buffer;
  readonly gzip?: Buffer;
}

/** The UI's files are public (the sign-in is part of them); the access rule says so, as every route must. */
const publicRoute = { schema: { hide: true }, config: { access: 'public' } };

export interface WebUiOptions {
  /** The built bundle (packages/web/dist): index.html and assets/. */
  readonly dir: string;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** Reads the bundle once: each file with its brotli and gzip forms (the build's `.br`/`.gz` files, else made now). */
export function loadBundle(dir: string): Map<string, UiFile> {
  const files = new Map<string, UiFile>();
  for (const full of walk(dir)) {
    if (full.endsWith('.br') || full.endsWith('.gz') || full.endsWith('.build-stamp')) continue;
    const path = `/${relative(dir, full).split(sep).join('/')}`;
    const ext = extname(full).toLowerCase();
    const identity = readFileSync(full);
    const compressible = COMPRESSIBLE.has(ext) && identity.length > 512;
    const br = compressible ? (existsSync(`${full}.br`) ? readFileSync(`${full}.br`) : brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })) : undefined;
    const gzip = compressible ? (existsSync(`${full}.gz`) ? readFileSync(`${full}.gz`) : gzipSync(identity, { level: 9 })) : undefined;
    files.set(path, {
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
      cacheControl: path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE,
      identity,
      ...(br ? { br } : {}),
      ...(gzip ? { gzip } : {}),
    });
  }
  return files;
}

/** Picks the smallest encoding the client accepts: brotli, then gzip, else the bytes as they are. */
function encodingFor(request: FastifyRequest, file: UiFile): { body: Buffer; encoding?: 'br' | 'gzip' } {
  const accepted = String(request.headers['accept-encoding'] ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q.trim()))
    .map(([name]) => name!.toLowerCase());
  if (file.br && accepted.includes('br')) return { body: file.br, encoding: 'br' };
  if (file.gzip && (accepted.includes('gzip') || accepted.includes('*'))) return { body: file.gzip, encoding: 'gzip' };
  return { body: file.identity };
}

function send(request: FastifyRequest, reply: FastifyReply, file: UiFile) {
  reply
    .header('content-type', file.type)
    .header('cache-control', file.cacheControl)
    .header('etag', file.etag)
    .header('vary', 'accept-encoding')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');
  if (file.type.startsWith('text/html')) reply.header('content-security-policy', CSP).header('x-frame-options', 'DENY');
  if (request.headers['if-none-match'] === file.etag) return reply.status(304).send();
  const { body, encoding } = encodingFor(request, file);
  if (encoding) reply.header('content-encoding', encoding);
  return reply.status(200).send(body);
}

/**
 * Serves the built web UI at `/`: files of the bundle compressed (brotli or gzip) with cache headers, and
 * index.html for every other path outside `/api` so the UI's own routes (`/integrations/http-json`) load on
 * a refresh. `/api/...` paths that match no route stay problem+json 404s.
 */
export function registerWebUi(app: FastifyInstance, options: WebUiOptions): void {
  const indexFile = join(options.dir, 'index.html');
  if (!existsSync(indexFile)) {
    app.log.warn({ dir: options.dir }, 'the web UI is not built: `npm run build -w @patchbay/web` builds it (npm start does it for you)');
    app.get('/', publicRoute, async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(`The Patchbay web UI is not built in ${options.dir}.\nBuild it with: npm run build -w @patchbay/web (npm start builds it when it is missing).\nThe API is up: /api/docs.\n`),
    );
    return;
  }
  const files = loadBundle(options.dir);
  const index = files.get('/index.html')!;
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = decodeURIComponent(request.url.split('?')[0]!);
    if (path === '/api' || path.startsWith('/api/')) {
      throw new PatchbayError('ROUTE_NOT_FOUND', { message: `No route ${request.method} ${path}`, hint: 'The API is described at /api/openapi.json and browsable at /api/docs.' });
    }
    const file = files.get(path);
    if (file) return send(request, reply, file);
    // A missing hashed asset is a real 404 (an old page asking for a file a new build replaced), not the app.
    if (path.startsWith('/assets/') || extname(path) !== '') {
      throw new PatchbayError('ROUTE_NOT_FOUND', { message: `No file ${path} in the web UI`, hint: 'Reload the page: the UI was rebuilt since it was opened.' });
    }
    return send(request, reply, index);
  };
  app.get('/', publicRoute, handler);
  app.get('/*', publicRoute, handler);
}
