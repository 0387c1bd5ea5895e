import type { Secret } from '@patchbay/types';
import { fileKeyProvider } from './file-key-provider.ts';
import type { KeyProvider } from './key-provider.ts';
import { envKeyProvider } from './static-key-provider.ts';

export interface KeySettings {
  /** The data folder, where the keyring file lives when no master key is given. */
  readonly dataDir: string;
  /** PATCHBAY_MASTER_KEY: base64 of 32 bytes. */
  readonly masterKey?: Secret;
  /** PATCHBAY_PREVIOUS_MASTER_KEYS: comma-separated base64 keys a rotation is moving away from. */
  readonly previousMasterKeys?: Secret;
}

/** PATCHBAY_MASTER_KEY when set (required when several machines share a PostgreSQL), else the keyring file. */
export function openKeyProvider(settings: KeySettings): KeyProvider {
  if (settings.masterKey) return envKeyProvider(settings.masterKey, settings.previousMasterKeys);
  return fileKeyProvider(settings.dataDir);
}
