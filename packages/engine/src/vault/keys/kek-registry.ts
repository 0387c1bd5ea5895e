import { and, count, eq, inArray } from 'drizzle-orm';
import { vaultDataKeys, vaultKeks, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import type { EngineDeps } from '../../lib/engine-deps.ts';
import type { KeyProvider } from './key-provider.ts';

export type KekRow = typeof vaultKeks.$inferSelect & { dataKeys: number };

/**
 * The database side of the key hierarchy: which KEK is active, which are still retiring. Every process
 * wraps new data keys with the row marked active (read under a share lock, so a rotation's switch waits
 * for wraps in flight and the re-wrap job then sees them).
 */
export function createKekRegistry(deps: EngineDeps, provider: KeyProvider) {
  const { db } = deps.database;

  async function referencing(handle: Db, kekId: string): Promise<number> {
    const [row] = await handle.select({ n: count() }).from(vaultDataKeys).where(eq(vaultDataKeys.kekId, kekId));
    return row?.n ?? 0;
  }

  return {
    referencing,

    async activeKekId(tx: Db): Promise<string> {
      const [row] = await tx.select({ id: vaultKeks.id }).from(vaultKeks).where(eq(vaultKeks.state, 'active')).for('share');
      if (!row) throw new PatchbayError('VAULT_NOT_CONFIGURED', { message: 'The vault has no active key-encryption key yet', hint: 'Start the engine (engine.start) before using the vault.' });
      return row.id;
    },

    /** Registers a KEK as active on the first start; afterwards proves every KEK still in use is available and the right one. */
    async init(): Promise<void> {
      const now = deps.clock.now();
      const [existing] = await db.select({ n: count() }).from(vaultKeks);
      if ((existing?.n ?? 0) === 0) {
        const id = provider.activeKekId();
        // Concurrent first starts: one insert wins, the rest do nothing (the partial index allows one active row).
        await db.insert(vaultKeks).values({ id, provider: provider.kind, state: 'active', checkValue: (await provider.checkValue(id)) ?? null, createdAt: now, activatedAt: now }).onConflictDoNothing();
      }
      const live = await db.select().from(vaultKeks).where(inArray(vaultKeks.state, ['active', 'retiring']));
      for (const kek of live) {
        if (!(await provider.has(kek.id))) {
          if ((await referencing(db, kek.id)) === 0 && kek.state === 'retiring') {
            await db.update(vaultKeks).set({ state: 'retired', retiredAt: now }).where(and(eq(vaultKeks.id, kek.id), eq(vaultKeks.state, 'retiring')));
            continue;
          }
          throw new PatchbayError('VAULT_KEY_UNAVAILABLE', {
            message: `The vault's ${kek.state} key-encryption key ${kek.id} is not available from the ${provider.kind} key provider`,
            hint: provider.kind === 'file' ? 'Restore vault-keyring.json in the data folder from your backup, or set PATCHBAY_MASTER_KEY / PATCHBAY_PREVIOUS_MASTER_KEYS to the key(s) used before.' : 'Add the key used before to PATCHBAY_PREVIOUS_MASTER_KEYS (comma-separated base64), restart, and run `patchbay keys rotate`.',
            details: { kek_id: kek.id },
          });
        }
        const check = await provider.checkValue(kek.id);
        if (kek.checkValue && check && check !== kek.checkValue) {
          throw new PatchbayError('VAULT_KEY_UNAVAILABLE', { message: `The key supplied for ${kek.id} is not the key the vault was wrapped with`, details: { kek_id: kek.id } });
        }
      }
    },

    async list(): Promise<KekRow[]> {
      const rows = await db.select().from(vaultKeks).orderBy(vaultKeks.createdAt);
      return Promise.all(rows.map(async (r) => ({ ...r, dataKeys: await referencing(db, r.id) })));
    },
  };
}

export type KekRegistry = ReturnType<typeof createKekRegistry>;
