import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInConnectors, createEngine, createLogger, openKeyProvider, type Engine, type Logger } from '@patchbay/engine';
import { openStore, type Store } from '@patchbay/store';
import type { RuntimeConfig } from './runtime-config.ts';

export interface OpenHub {
  readonly store: Store;
  readonly engine: Engine;
  readonly log: Logger;
  /** Set when this open was the very first start: the admin token, already saved to `tokenFile`. */
  readonly initialToken?: { readonly token: string; readonly tokenFile: string };
  close(): Promise<void>;
}

/**
 * Opens the data folder or DATABASE_URL (migrating on the way), wires the engine, syncs the catalogue and,
 * on an empty database, creates the default organisation and saves its admin token (0600) in the folder.
 */
export async function openHub(config: RuntimeConfig, log: Logger = createLogger(), options: { readonly demo?: boolean } = {}): Promise<OpenHub> {
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    const keys = openKeyProvider({ dataDir: store.dataDir, masterKey: config.masterKey, previousMasterKeys: config.previousMasterKeys });
    const engine = createEngine({ database: store.database, log, connectors: builtInConnectors, vault: { keys, publicUrl: config.publicUrl }, observability: { retention: config.retention }, compliance: config.compliance, demo: options.demo });
    const boot = await engine.start(config.bootstrapToken);
    let initialToken: OpenHub['initialToken'];
    if (boot?.token) {
      const tokenFile = join(store.dataDir, 'initial-admin-token');
      writeFileSync(tokenFile, `${boot.token}\n`, { mode: 0o600 });
      initialToken = { token: boot.token, tokenFile };
    }
    return { store, engine, log, initialToken, close: () => store.close() };
  } catch (error) {
    await store.close();
    throw error;
  }
}
