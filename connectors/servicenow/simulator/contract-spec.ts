import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ServiceNow's Table API description, exported from an instance's REST API Explorer (../shared/vendor/MANIFEST.md). */
export const VENDOR_SPEC = fileURLToPath(new URL('../../../../shared/vendor/specs/servicenow/table-api.openapi.json', import.meta.url));

type Spec = {
  security?: unknown[];
  components?: { securitySchemes?: Record<string, unknown> };
  paths: Record<string, Record<string, { responses?: Record<string, unknown> }>>;
};

/**
 * The vendor's description with two additions its export leaves out, both documented by ServiceNow:
 * - OAuth 2.0 bearer tokens as a second security scheme beside Basic (every REST API takes the access
 *   tokens of /oauth_token.do);
 * - 201 Created on POST /api/now/table/{tableName}, the status the Table API answers an insert with (the
 *   export lists only 200, so Prism would refuse every real insert).
 * Nothing else changes: paths, methods and parameters are the vendor's.
 */
export function derivedSpec(vendor: Spec): Spec {
  const spec = structuredClone(vendor);
  spec.components = { ...spec.components, securitySchemes: { ...spec.components?.securitySchemes, OAuth2Bearer: { type: 'http', scheme: 'bearer' } } };
  spec.security = [...(spec.security ?? [{ Basic: [] }]), { OAuth2Bearer: [] }];
  const insert = spec.paths['/api/now/table/{tableName}']?.post;
  if (insert?.responses?.['200']) insert.responses['201'] = { ...(insert.responses['200'] as object), description: 'Created' };
  return spec;
}

let written: string | undefined;

/** Writes the derived description next to the OS temp files (once per process, named by its content) and returns its path. */
export function contractSpecPath(): string {
  if (written) return written;
  const text = JSON.stringify(derivedSpec(JSON.parse(readFileSync(VENDOR_SPEC, 'utf8')) as Spec), null, 2);
  const dir = join(tmpdir(), 'patchbay-servicenow-contract');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `table-api.${createHash('sha256').update(text).digest('hex').slice(0, 16)}.json`);
  const partial = `${path}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, path);
  written = path;
  return path;
}
