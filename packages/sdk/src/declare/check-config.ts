import type { AllowedHost } from './host-patterns.ts';
import { isHostPattern } from './host-patterns.ts';
import type { DeclarationIssues } from './issues.ts';
import { checkSchema, type JsonSchema } from './json-schema.ts';

// Credentials in config would be stored unencrypted and shown in forms: they belong in auth.
const CREDENTIAL_NAME = /^(?:password|passphrase|secret|client_secret|api_?key|api_token|access_token|refresh_token|token|private_key|secret_access_key)$/i;

/** Checks the config schema and returns its property names (empty when it is not an object schema). */
export function checkConfig(issues: DeclarationIssues, schema: unknown): ReadonlySet<string> {
  const json: JsonSchema | undefined = checkSchema(issues, 'config', schema, 'input');
  if (json === undefined) return new Set();
  if (json['type'] !== 'object' || typeof json['properties'] !== 'object') {
    issues.add('config', 'must be a zod object schema', 'Use z.object({ ... }); z.object({}) when the connector has no settings.');
    return new Set();
  }
  const names = Object.keys(json['properties'] as object);
  for (const name of names) {
    if (CREDENTIAL_NAME.test(name)) {
      issues.add(`config.${name}`, 'looks like a credential', 'Declare credentials as auth method fields: the vault encrypts them.');
    }
  }
  return new Set(names);
}

export function checkAllowedHosts(issues: DeclarationIssues, hosts: unknown, configFields: ReadonlySet<string>): void {
  if (!Array.isArray(hosts) || hosts.length === 0) {
    issues.add('allowedHosts', 'must list at least one host', 'List every vendor host the connector calls, like "api.crowdstrike.com".');
    return;
  }
  const seen = new Set<string>();
  (hosts as AllowedHost[]).forEach((entry, index) => {
    const field = `allowedHosts[${index}]`;
    if (typeof entry === 'object' && entry !== null) {
      if (!configFields.has(entry.fromConfig)) issues.add(`${field}.fromConfig`, `config has no field ${JSON.stringify(entry.fromConfig)}`);
      return;
    }
    if (!isHostPattern(entry)) {
      issues.add(field, `${JSON.stringify(entry)} is not a host pattern`, 'Use a lowercase host ("api.crowdstrike.com") or a wildcard ("*.okta.com"), without scheme, port or path.');
    } else if (seen.has(entry)) {
      issues.add(field, `"${entry}" is listed twice`);
    }
    if (typeof entry === 'string') seen.add(entry);
  });
}
