/**
 * The contract the Jira connector is checked against: the operations it calls, taken unchanged from Jira
 * Cloud's REST API v3 description (`../shared/vendor/specs/jira/jira-cloud-v3.itential.openapi.json`,
 * 2.2 MB, which Prism needs close to a minute to load on a busy machine), with every component they refer
 * to. A request to any other path is then a violation too ("no path matched").
 *
 *   node connectors/jira/simulator/contract-subset.ts    rewrites fixtures/jira-cloud-v3.connector-subset.openapi.json
 *
 * `contract-subset.test.ts` fails when the file is not this script's output for the vendor's description.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Every path the connector (streams, ticket calls, actions, validate) sends requests to. */
export const CONTRACT_PATHS = [
  '/rest/api/3/myself',
  '/rest/api/3/search',
  '/rest/api/3/issue',
  '/rest/api/3/issue/{issueIdOrKey}',
  '/rest/api/3/issue/{issueIdOrKey}/transitions',
  '/rest/api/3/issue/{issueIdOrKey}/comment',
] as const;

export const SOURCE_SPEC = fileURLToPath(new URL('../../../../shared/vendor/specs/jira/jira-cloud-v3.itential.openapi.json', import.meta.url));
export const SUBSET_SPEC = fileURLToPath(new URL('../fixtures/jira-cloud-v3.connector-subset.openapi.json', import.meta.url));

type Json = Record<string, unknown>;

function* refsIn(value: unknown): Generator<string> {
  if (Array.isArray(value)) for (const item of value) yield* refsIn(item);
  else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') yield inner;
      else yield* refsIn(inner);
    }
  }
}

/** The description restricted to `CONTRACT_PATHS` and the components they reach (security schemes kept whole). */
export function contractSubset(source: Json): Json {
  const sourcePaths = source['paths'] as Record<string, unknown>;
  const components = source['components'] as Record<string, Record<string, unknown>>;
  const paths = Object.fromEntries(CONTRACT_PATHS.map((path) => {
    if (!(path in sourcePaths)) throw new Error(`The Jira description has no path ${path}`);
    return [path, sourcePaths[path]];
  }));
  const kept: Record<string, Record<string, unknown>> = { securitySchemes: components['securitySchemes'] ?? {} };
  const pending = [...refsIn(paths)];
  const seen = new Set<string>();
  for (let ref = pending.pop(); ref !== undefined; ref = pending.pop()) {
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [, kind, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(ref) ?? [];
    const target = kind !== undefined && name !== undefined ? components[kind]?.[name] : undefined;
    if (target === undefined) throw new Error(`The Jira description has no ${ref}`);
    (kept[kind!] ??= {})[name!] = target;
    pending.push(...refsIn(target));
  }
  const sorted = Object.fromEntries(Object.entries(kept).sort(([a], [b]) => a.localeCompare(b)).map(([kind, entries]) => [kind, Object.fromEntries(Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)))]));
  return { openapi: source['openapi'], info: source['info'], servers: source['servers'], externalDocs: source['externalDocs'], paths, components: sorted };
}

export function renderSubset(): string {
  return `${JSON.stringify(contractSubset(JSON.parse(readFileSync(SOURCE_SPEC, 'utf8')) as Json), null, 1)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SUBSET_SPEC, renderSubset());
  console.log(`wrote ${SUBSET_SPEC}`);
}
