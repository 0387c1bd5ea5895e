import { createHmac } from 'node:crypto';

/**
 * Where key-encryption keys live. The vault asks a provider to wrap and unwrap data keys and never needs
 * the KEK itself, so a KMS (AWS KMS, Vault Transit, an HSM) can implement this without exporting keys.
 * The built-in providers hold keys in memory: a keyring file in the data folder, or PATCHBAY_MASTER_KEY.
 */
export interface KeyProvider {
  /** `file`, `env`, or a KMS name; recorded with each KEK. */
  readonly kind: string;
  /** The key a rotation moves to: the keyring's newest key, or PATCHBAY_MASTER_KEY. */
  activeKekId(): string;
  has(kekId: string): Promise<boolean>;
  /** Encrypts a data key under the KEK, binding `associatedData`; returns opaque text to store. */
  wrap(kekId: string, dataKey: Buffer, associatedData: string): Promise<string>;
  unwrap(kekId: string, wrapped: string, associatedData: string): Promise<Buffer>;
  /** Proof of which key an id names (compared with the stored value on start); undefined for KMS keys. */
  checkValue(kekId: string): Promise<string | undefined>;
  /** Creates a new key and makes it the provider's active one. Absent when keys come from outside (env). */
  createKey?(): Promise<string>;
  /** Forgets a retired key for good (crypto-shreds backups wrapped with it). */
  destroyKey?(kekId: string): Promise<void>;
}

const CHECK_TEXT = 'patchbay:kek-check:v1';

/** HMAC-SHA-256 of a fixed text under the key: identifies the key without revealing anything about it. */
export function keyCheckValue(key: Buffer): string {
  return createHmac('sha256', key).update(CHECK_TEXT).digest('hex');
}

/** KEK ids derive from the key, so the same key has the same id whichever provider holds it. */
export function kekIdOf(key: Buffer): string {
  return `kek_${keyCheckValue(key).slice(0, 16)}`;
}
