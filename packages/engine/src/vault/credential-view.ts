import type { CredentialSummary } from '@patchbay/store';
import { Secret, maskSecret } from '@patchbay/types';
import { fieldSpec, type VaultAuthType } from './auth-types.ts';
import type { CredentialValues } from './parse-credentials.ts';

/** What reads show: non-secret values as they are, secrets only as set-and-masked (`••••abcd`). */
export function summarize(type: VaultAuthType, values: CredentialValues): CredentialSummary {
  const summary: CredentialSummary = {};
  for (const [name, value] of Object.entries(values)) {
    summary[name] = fieldSpec(type, name)?.secret ? { set: true, masked: maskSecret(String(value).trim()) } : value;
  }
  return summary;
}

/** For audit digests: which fields are set and the non-secret values, never a secret or its mask. */
export function auditView(type: VaultAuthType, values: CredentialValues): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) view[name] = fieldSpec(type, name)?.secret ? 'set' : value;
  return view;
}

/** Decrypted credentials as they travel in memory: secret fields wrapped in `Secret`. */
export interface Credentials {
  readonly type: VaultAuthType;
  text(name: string): string | undefined;
  secret(name: string): Secret | undefined;
  list(name: string): readonly string[];
}

export function credentialsOf(type: VaultAuthType, values: CredentialValues): Credentials {
  const secrets = new Map<string, Secret>();
  const plain = new Map<string, string | string[]>();
  for (const [name, value] of Object.entries(values)) {
    if (fieldSpec(type, name)?.secret) secrets.set(name, new Secret(String(value)));
    else plain.set(name, value);
  }
  return {
    type,
    text: (name) => {
      const v = plain.get(name);
      return typeof v === 'string' ? v : undefined;
    },
    secret: (name) => secrets.get(name),
    list: (name) => {
      const v = plain.get(name);
      return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    },
  };
}
