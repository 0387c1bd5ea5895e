import { PatchbayError } from '@patchbay/types';
import type { KeyProvider } from './key-provider.ts';

const refuse = (): never => {
  throw new PatchbayError('VAULT_NOT_CONFIGURED', { message: 'This engine was started without a key provider, so nothing can be encrypted or decrypted' });
};

/** Stands in when the engine has no keys: reads of non-secret data work, anything that needs a key says why not. */
export const unconfiguredKeyProvider: KeyProvider = {
  kind: 'none',
  activeKekId: refuse,
  has: async () => refuse(),
  wrap: async () => refuse(),
  unwrap: async () => refuse(),
  checkValue: async () => refuse(),
};
