import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { vaultDataKeys, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { KEY_BYTES } from '../crypto/aead.ts';
import type { EngineDeps } from '../../lib/engine-deps.ts';
import type { KekRegistry } from './kek-registry.ts';
import type { KeyProvider } from './key-provider.ts';

/** Unwrapped data keys stay in memory this long (never persisted); the benchmark measures the gain. */
export const DATA_KEY_CACHE_MS = 5 * 60_000;
const MAX_CACHED = 10_000;

export const wrapAad = (dataKeyId: string, kekId: string) => `vault_data_key:${dataKeyId}:${kekId}`;

interface Cached {
  readonly key: Buffer;
  readonly until: number;
}

/** Data keys: one per encrypted record, created wrapped under the active KEK, destroyed to crypto-shred. */
export function createDataKeys(deps: EngineDeps, provider: KeyProvider, keks: KekRegistry) {
  const cache = new Map<string, Cached>();

  function evict(id: string): void {
    cache.get(id)?.key.fill(0);
    cache.delete(id);
  }

  function remember(id: string, key: Buffer): void {
    if (cache.size >= MAX_CACHED) evict(cache.keys().next().value!);
    cache.set(id, { key, until: deps.clock.now().getTime() + DATA_KEY_CACHE_MS });
  }

  return {
    /** A fresh data key, wrapped with the active KEK in `tx` (call inside the transaction that stores the record). */
    async create(tx: Db, organizationId: string): Promise<{ id: string; key: Buffer }> {
      const id = randomUUID();
      const key = randomBytes(KEY_BYTES);
      const kekId = await keks.activeKekId(tx);
      const wrappedKey = await provider.wrap(kekId, key, wrapAad(id, kekId));
      await tx.insert(vaultDataKeys).values({ id, organizationId, kekId, wrappedKey, createdAt: deps.clock.now() });
      remember(id, Buffer.from(key));
      return { id, key };
    },

    /** The data key in clear, for this process only (cached briefly). */
    async unwrap(handle: Db, id: string): Promise<Buffer> {
      const cached = cache.get(id);
      if (cached && cached.until > deps.clock.now().getTime()) return cached.key;
      const [row] = await handle.select().from(vaultDataKeys).where(eq(vaultDataKeys.id, id));
      if (!row) throw new PatchbayError('VAULT_DECRYPT_FAILED', { message: 'The data key of this record was destroyed', details: { reason: 'data key missing', data_key_id: id } });
      const key = await provider.unwrap(row.kekId, row.wrappedKey, wrapAad(row.id, row.kekId));
      remember(id, key);
      return key;
    },

    /** Crypto-shredding: without the data key nothing it encrypted can be read again, backups included. */
    async destroy(tx: Db, id: string): Promise<void> {
      await tx.delete(vaultDataKeys).where(eq(vaultDataKeys.id, id));
      evict(id);
    },

    evict,
    /** Drops every cached key (tests and the benchmark measure the cold path). */
    clearCache(): void {
      for (const id of [...cache.keys()]) evict(id);
    },
  };
}

export type DataKeys = ReturnType<typeof createDataKeys>;
