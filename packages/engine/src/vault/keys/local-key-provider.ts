import { PatchbayError } from '@patchbay/types';
import { KEY_BYTES, open, seal } from '../crypto/aead.ts';
import { keyCheckValue, type KeyProvider } from './key-provider.ts';

/** Keys held in this process's memory, by id; the file and env providers differ only in where they load them. */
export interface LocalKeySource {
  readonly kind: string;
  activeKekId(): string;
  /** Finds a key; `reload` asks to look again at the source (another process may have added it). */
  find(kekId: string, reload: boolean): Buffer | undefined;
  /** What to tell an operator when a key is missing. */
  readonly missingHint: string;
}

export function localKeyProvider(source: LocalKeySource): Omit<KeyProvider, 'createKey' | 'destroyKey'> {
  function key(kekId: string): Buffer {
    const found = source.find(kekId, false) ?? source.find(kekId, true);
    if (!found) {
      throw new PatchbayError('VAULT_KEY_UNAVAILABLE', { message: `The key-encryption key ${kekId} is not available from the ${source.kind} key provider`, hint: source.missingHint, details: { kek_id: kekId } });
    }
    return found;
  }
  return {
    kind: source.kind,
    activeKekId: () => source.activeKekId(),
    has: async (kekId) => (source.find(kekId, false) ?? source.find(kekId, true)) !== undefined,
    wrap: async (kekId, dataKey, associatedData) => seal(key(kekId), dataKey, associatedData),
    async unwrap(kekId, wrapped, associatedData) {
      const dataKey = open(key(kekId), wrapped, associatedData);
      if (dataKey.length !== KEY_BYTES) throw new PatchbayError('VAULT_DECRYPT_FAILED', { message: 'An unwrapped data key has the wrong length' });
      return dataKey;
    },
    checkValue: async (kekId) => keyCheckValue(key(kekId)),
  };
}
