import { PatchbayError, type Secret } from '@patchbay/types';
import { KEY_BYTES } from '../crypto/aead.ts';
import { kekIdOf, type KeyProvider } from './key-provider.ts';
import { localKeyProvider } from './local-key-provider.ts';

export interface StaticKeys {
  /** The key rotations move to (PATCHBAY_MASTER_KEY). */
  readonly active: Buffer;
  /** Keys that may still wrap data keys until a rotation finishes (PATCHBAY_PREVIOUS_MASTER_KEYS). */
  readonly previous?: readonly Buffer[];
}

/**
 * Keys supplied from outside, typically the environment. Rotation cannot create keys here: the operator
 * sets a new PATCHBAY_MASTER_KEY, moves the old one to PATCHBAY_PREVIOUS_MASTER_KEYS, restarts every
 * process, and runs `patchbay keys rotate`.
 */
export function staticKeyProvider(keys: StaticKeys, kind = 'env'): KeyProvider {
  const byId = new Map<string, Buffer>();
  for (const key of [keys.active, ...(keys.previous ?? [])]) {
    if (key.length !== KEY_BYTES) throw new PatchbayError('VALIDATION_FAILED', { field: 'PATCHBAY_MASTER_KEY', message: 'A master key must be 32 bytes in base64', hint: 'Generate one with `openssl rand -base64 32`.' });
    byId.set(kekIdOf(key), Buffer.from(key));
  }
  const activeId = kekIdOf(keys.active);
  return localKeyProvider({
    kind,
    activeKekId: () => activeId,
    find: (kekId) => byId.get(kekId),
    missingHint: 'Add the key that wrapped the vault to PATCHBAY_PREVIOUS_MASTER_KEYS (comma-separated base64) on every process, restart, and run `patchbay keys rotate` to finish moving to PATCHBAY_MASTER_KEY.',
  });
}

/** Parses PATCHBAY_MASTER_KEY and PATCHBAY_PREVIOUS_MASTER_KEYS (base64, comma-separated). */
export function envKeyProvider(masterKey: Secret, previousKeys?: Secret): KeyProvider {
  const decode = (text: string, field: string): Buffer => {
    const key = Buffer.from(text.trim(), 'base64');
    if (key.length !== KEY_BYTES) throw new PatchbayError('VALIDATION_FAILED', { field, message: `${field} must be 32 bytes in base64 (it decodes to ${key.length})`, hint: 'Generate one with `openssl rand -base64 32`.' });
    return key;
  };
  const previous = (previousKeys?.reveal() ?? '').split(',').filter((s) => s.trim() !== '').map((s) => decode(s, 'PATCHBAY_PREVIOUS_MASTER_KEYS'));
  return staticKeyProvider({ active: decode(masterKey.reveal(), 'PATCHBAY_MASTER_KEY'), previous });
}
