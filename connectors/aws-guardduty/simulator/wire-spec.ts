import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The OpenAPI description of GuardDuty converted by APIs-guru from the aws-sdk-js model (../shared/vendor/specs). */
export const SOURCE_SPEC = new URL('../../../../shared/vendor/specs/aws/openapi/guardduty.openapi.json', import.meta.url);

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A property's name on the wire: the `xml.name` the conversion kept from the model's locationName. */
function wireName(name: string, property: unknown): string {
  if (!isNode(property)) return name;
  const own = isNode(property.xml) && typeof property.xml.name === 'string' ? property.xml.name : undefined;
  const fromAllOf = Array.isArray(property.allOf) ? property.allOf.map((part) => (isNode(part) && isNode(part.xml) ? part.xml.name : undefined)).find((n) => typeof n === 'string') : undefined;
  return (own ?? fromAllOf ?? name) as string;
}

function rename(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rename);
  if (!isNode(node)) return node;
  const out: Node = {};
  for (const [key, value] of Object.entries(node)) out[key] = rename(value);
  if (isNode(node.properties)) {
    const names = new Map(Object.entries(node.properties).map(([name, property]) => [name, wireName(name, property)]));
    out.properties = Object.fromEntries(Object.entries(out.properties as Node).map(([name, property]) => [names.get(name)!, property]));
    if (Array.isArray(node.required)) out.required = node.required.map((name) => names.get(String(name)) ?? name);
  }
  return out;
}

/** The conversion puts GuardDuty's errors at made-up statuses 480/481; botocore says 400 and 500. */
function errorStatuses(spec: Node): void {
  for (const item of Object.values(spec.paths as Node)) {
    for (const operation of Object.values(item as Node)) {
      if (!isNode(operation) || !isNode(operation.responses)) continue;
      const responses = operation.responses;
      if (responses['480']) responses['400'] = responses['480'];
      if (responses['481']) responses['500'] = responses['481'];
      delete responses['480'];
      delete responses['481'];
    }
  }
}

/** The operations the connector calls; the others are left out so that Prism starts in seconds. */
const USED_PATHS = ['/detector', '/detector/{detectorId}', '/detector/{detectorId}/findings', '/detector/{detectorId}/findings/get', '/detector/{detectorId}/findings/archive', '/detector/{detectorId}/findings/unarchive', '/detector/{detectorId}/member'];

function usedPathsOnly(spec: Node): void {
  spec.paths = Object.fromEntries(Object.entries(spec.paths as Node).filter(([path]) => USED_PATHS.includes(path)));
}

/**
 * The conversion writes the model's `timestamp` shape as an ISO string; in rest-json bodies AWS sends it
 * as epoch seconds (botocore's default timestampFormat for JSON), which is what the SDK parses.
 */
function timestamps(spec: Node): void {
  const schemas = (spec.components as Node).schemas as Node;
  schemas.Timestamp = { type: 'number', description: 'Epoch seconds (rest-json timestamp)' };
}

/**
 * The contract the simulator and the connector are checked against: the vendor's converted description
 * limited to the operations the connector calls, with three conversion artefacts undone. Its schemas name members as the SDK does
 * (`DetectorIds`, `ServiceRole`) while GuardDuty's JSON uses their `locationName` (`detectorIds`,
 * `serviceRole`; botocore guardduty/2017-11-28, the authoritative model): properties are renamed to the
 * `xml.name` the conversion kept; timestamps are epoch seconds; and modelled errors go back to their
 * botocore statuses. Written to the
 * temporary directory once, named by a hash of the source and of this derivation.
 */
export function wireSpecPath(): string {
  const source = readFileSync(SOURCE_SPEC, 'utf8');
  const path = join(tmpdir(), `patchbay-guardduty-wire-${createHash('sha256').update(source + usedPathsOnly.toString() + rename.toString() + timestamps.toString() + errorStatuses.toString()).digest('hex').slice(0, 16)}.openapi.json`);
  // Written once: Prism watches its spec and restarts when the file is written again.
  if (existsSync(path)) return path;
  const spec = JSON.parse(source) as Node;
  usedPathsOnly(spec);
  errorStatuses(spec);
  timestamps(spec);
  const derived = rename(spec) as Node;
  derived.info = { ...(derived.info as Node), 'x-patchbay-derived': 'property names as on the wire (xml.name); timestamps as epoch seconds; errors at their botocore statuses' };
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, JSON.stringify(derived));
  renameSync(partial, path);
  return path;
}
