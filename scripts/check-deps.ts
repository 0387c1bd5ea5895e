/**
 * Fails when an import points against the dependency direction of docs/ARCHITECTURE.md:
 * types <- sdk <- connectors; ocsf -> types; store -> types; engine -> types, sdk, ocsf, store (and
 * connectors through the generated registry); conformance -> sdk, ocsf, engine; server -> engine;
 * cli -> engine, server, conformance. web talks to the HTTP API only.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

export const allowed: Record<string, readonly string[]> = {
  types: [],
  sdk: ['types'],
  ocsf: ['types'],
  store: ['types'],
  connectors: ['types', 'sdk', 'ocsf'],
  engine: ['types', 'sdk', 'ocsf', 'store', 'connectors'],
  conformance: ['types', 'sdk', 'ocsf', 'engine', 'store', 'connectors'],
  server: ['types', 'sdk', 'ocsf', 'store', 'engine'],
  cli: ['types', 'sdk', 'ocsf', 'store', 'engine', 'server', 'conformance', 'connectors'],
  web: [],
  bench: ['types', 'sdk', 'ocsf', 'store', 'engine', 'server', 'conformance', 'connectors', 'cli'],
};

/**
 * Edges allowed only from tests and simulators: a connector's tests reach the hub through the conformance
 * package (its suite, `installConnector`, `connectorContext`, the destination kit), never the engine or the
 * store directly. The web UI's code talks to the HTTP API only; its browser tests start the hub they drive.
 */
export const allowedInTests: Record<string, readonly string[]> = {
  connectors: ['conformance'],
  // The UI's browser tests start a real hub (engine, server, store) and vendor simulators around the browser.
  web: ['types', 'sdk', 'ocsf', 'store', 'engine', 'server', 'conformance', 'connectors'],
};

export function isTestSupport(path: string): boolean {
  return /\.test\.ts$/.test(path) || /\/simulator\//.test(path) || /\/testing\//.test(path);
}

/** Which layer an import specifier or a file path belongs to. */
export function layerOf(spec: string): string | undefined {
  const pkg = spec.match(/^@patchbay\/([a-z-]+)/);
  if (pkg) return pkg[1]!.startsWith('connector-') ? 'connectors' : pkg[1];
  const path = spec.match(/(?:^|\/)(packages\/([a-z-]+)|connectors\/[a-z0-9-]+|bench)\//);
  if (!path) return undefined;
  if (path[1]!.startsWith('connectors/')) return 'connectors';
  if (path[1] === 'bench') return 'bench';
  return path[2];
}

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(ts|tsx|js)$/.test(name)) yield full;
  }
}

export function violations(): string[] {
  const found: string[] = [];
  for (const top of ['packages', 'connectors', 'bench']) {
    let base: string;
    try {
      base = join(root, top);
      statSync(base);
    } catch {
      continue;
    }
    for (const file of files(base)) {
      const rel = relative(root, file);
      const from = layerOf(`${rel}`.startsWith('bench') ? 'bench/' : rel);
      if (!from || !(from in allowed)) continue;
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        const target = spec.startsWith('.') ? layerOf(relative(root, join(file, '..', spec))) : layerOf(spec);
        if (!target || target === from) continue;
        if (allowed[from]!.includes(target)) continue;
        if (isTestSupport(rel) && allowedInTests[from]?.includes(target)) continue;
        found.push(`${rel}: imports ${spec} (${from} -> ${target} is not allowed)`);
      }
    }
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = violations();
  if (found.length) {
    process.stderr.write(`Dependency direction violations:\n${found.map((f) => `  ${f}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('dependency direction: ok\n');
}
