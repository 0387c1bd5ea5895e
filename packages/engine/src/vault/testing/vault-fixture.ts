import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { DatabaseKind } from '@patchbay/store';
import { createTestDatabase, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine, type Engine } from '../../create-engine.ts';
import type { CatalogEntry } from '../../catalog/catalog-entry.ts';
import type { Actor } from '../../lib/actor.ts';
import type { Logger } from '../../lib/logger.ts';
import type { KeyProvider } from '../keys/key-provider.ts';
import { staticKeyProvider } from '../keys/static-key-provider.ts';

export const fixtureCatalog: CatalogEntry[] = [
  { id: 'vault-test', name: 'Vault Test', vendor: 'Patchbay', category: 'other', version: '1.0.0', description: 'A catalogue entry for vault tests', keyFeatures: ['tests'], capabilities: ['ingest'], authMethods: ['api_key'], schema: {} },
];

export interface VaultFixture {
  readonly db: TestDatabase;
  readonly engine: Engine;
  readonly clock: ManualClock;
  readonly actor: Actor;
  readonly masterKey: Buffer;
  readonly keys: KeyProvider;
  /** Another engine on the same database (a second worker process, or a restart). */
  reopen(options?: { keys?: KeyProvider; clock?: ManualClock }): Promise<Engine>;
  close(): Promise<void>;
}

/** A migrated database, an engine with a vault keyed by a random master key, and an admin actor. */
export async function createVaultFixture(kind: DatabaseKind, options: { keys?: KeyProvider; publicUrl?: string; log?: Logger } = {}): Promise<VaultFixture> {
  const db = await createTestDatabase(kind);
  const clock = new ManualClock(new Date());
  const masterKey = randomBytes(32);
  const keys = options.keys ?? staticKeyProvider({ active: masterKey });
  const log = options.log ?? pino({ level: 'silent' });
  const make = (k: KeyProvider, c: ManualClock) => createEngine({ database: db.database, clock: c, log, catalog: fixtureCatalog, vault: { keys: k, allowInsecureHttp: true, publicUrl: options.publicUrl } });
  const engine = make(keys, clock);
  const boot = await engine.start();
  const [user] = await db.database.query<{ id: string }>(`select id from users where email = 'admin@localhost'`);
  const actor: Actor = { type: 'user', organizationId: boot!.organizationId, role: 'admin', userId: user!.id, label: 'admin@localhost' };
  return {
    db,
    engine,
    clock,
    actor,
    masterKey,
    keys,
    async reopen(o = {}) {
      const again = make(o.keys ?? keys, o.clock ?? clock);
      await again.start();
      return again;
    },
    close: () => db.close(),
  };
}
