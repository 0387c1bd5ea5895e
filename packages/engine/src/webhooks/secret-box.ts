import type { Db } from '@patchbay/store';
import { open, seal } from '../vault/crypto/aead.ts';
import type { DataKeys } from '../vault/keys/data-keys.ts';

/**
 * Seals webhook secrets (endpoint signing secrets, inbound secrets) with the vault's envelope
 * encryption: one vault data key per owning row, wrapped by the active KEK and re-wrapped by key
 * rotation like every other data key. The associated data binds a ciphertext to its row.
 */
export interface SecretBox {
  newKey(tx: Db, organizationId: string): Promise<string>;
  seal(handle: Db, dataKeyId: string, plaintext: string, aad: string): Promise<string>;
  open(handle: Db, dataKeyId: string, sealed: string, aad: string): Promise<string>;
  destroy(tx: Db, dataKeyId: string): Promise<void>;
}

export function createSecretBox(dataKeys: DataKeys): SecretBox {
  return {
    async newKey(tx, organizationId) {
      return (await dataKeys.create(tx, organizationId)).id;
    },
    async seal(handle, dataKeyId, plaintext, aad) {
      return seal(await dataKeys.unwrap(handle, dataKeyId), Buffer.from(plaintext, 'utf8'), aad);
    },
    async open(handle, dataKeyId, sealed, aad) {
      return open(await dataKeys.unwrap(handle, dataKeyId), sealed, aad).toString('utf8');
    },
    destroy: (tx, dataKeyId) => dataKeys.destroy(tx, dataKeyId),
  };
}
