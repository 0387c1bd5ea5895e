import { setTimeout as delay } from 'node:timers/promises';
import { asc, eq, ne } from 'drizzle-orm';
import { vaultDataKeys, vaultKeks } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit, type AuditActor } from '../../audit/append-audit.ts';
import type { EngineDeps } from '../../lib/engine-deps.ts';
import { wrapAad } from './data-keys.ts';
import type { KekRegistry } from './kek-registry.ts';
import type { KeyProvider } from './key-provider.ts';

export interface RotationResult {
  readonly activeKekId: string;
  /** False when this call resumed an interrupted rotation instead of starting one. */
  readonly started: boolean;
  readonly rewrapped: number;
  readonly retired: readonly string[];
}

export interface RotateOptions {
  /** Retire (and destroy, for the keyring file) old KEKs once nothing references them. Default true. */
  readonly retire?: boolean;
  readonly batchSize?: number;
}

/**
 * Online KEK rotation: a new KEK becomes active for new wraps, then data keys are re-wrapped in batches,
 * each its own transaction (`kek_id <> new`, SKIP LOCKED), so syncs keep decrypting throughout and an
 * interrupted run resumes where it stopped. Data keys are only ever in memory in clear.
 */
export function createKeyRotation(deps: EngineDeps, provider: KeyProvider, keks: KekRegistry) {
  const { db } = deps.database;

  async function rewrapAll(target: string, batchSize: number): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await db.transaction(async (tx) => {
        const rows = await tx.select().from(vaultDataKeys).where(ne(vaultDataKeys.kekId, target)).orderBy(asc(vaultDataKeys.id)).limit(batchSize).for('update', { skipLocked: true });
        for (const row of rows) {
          const key = await provider.unwrap(row.kekId, row.wrappedKey, wrapAad(row.id, row.kekId));
          const wrappedKey = await provider.wrap(target, key, wrapAad(row.id, target));
          key.fill(0);
          await tx.update(vaultDataKeys).set({ kekId: target, wrappedKey, rewrappedAt: deps.clock.now() }).where(eq(vaultDataKeys.id, row.id));
        }
        return rows.length;
      });
      total += done;
      if (done > 0) continue;
      const [left] = await db.select({ id: vaultDataKeys.id }).from(vaultDataKeys).where(ne(vaultDataKeys.kekId, target)).limit(1);
      if (!left) return total;
      await delay(20); // rows another transaction holds (a resume elsewhere, a delete): wait for it
    }
  }

  async function retireKek(actor: AuditActor, kekId: string): Promise<boolean> {
    const retired = await db.transaction(async (tx) => {
      const [kek] = await tx.select().from(vaultKeks).where(eq(vaultKeks.id, kekId)).for('update');
      if (!kek) throw new PatchbayError('NOT_FOUND', { message: `No key-encryption key ${kekId}` });
      if (kek.state === 'retired') return false;
      const refs = await keks.referencing(tx, kekId);
      if (kek.state === 'active' || refs > 0) {
        throw new PatchbayError('KEY_IN_USE', { message: kek.state === 'active' ? `${kekId} is the active key; rotate to a new one first` : `${kekId} still wraps ${refs} data keys`, details: { kek_id: kekId, data_keys: refs } });
      }
      await tx.update(vaultKeks).set({ state: 'retired', retiredAt: deps.clock.now() }).where(eq(vaultKeks.id, kekId));
      await appendAudit(tx, deps.clock, actor, { action: 'vault.key_retired', targetType: 'kek', targetId: kekId, details: { provider: kek.provider } });
      return true;
    });
    if (retired && (await provider.has(kekId)) && provider.activeKekId() !== kekId) await provider.destroyKey?.(kekId);
    return retired;
  }

  async function activate(actor: AuditActor, target: string): Promise<void> {
    const now = deps.clock.now();
    await db.transaction(async (tx) => {
      // Waits for wraps in flight (they hold the active row FOR SHARE), so the re-wrap job sees them.
      const [current] = await tx.select().from(vaultKeks).where(eq(vaultKeks.state, 'active')).for('update');
      if (current) await tx.update(vaultKeks).set({ state: 'retiring' }).where(eq(vaultKeks.id, current.id));
      await tx.insert(vaultKeks).values({ id: target, provider: provider.kind, state: 'active', checkValue: (await provider.checkValue(target)) ?? null, createdAt: now, activatedAt: now });
      await appendAudit(tx, deps.clock, actor, { action: 'vault.key_rotated', targetType: 'kek', targetId: target, details: { from: current?.id ?? null, to: target, provider: provider.kind } });
    });
  }

  async function retiringIds(): Promise<string[]> {
    return (await db.select({ id: vaultKeks.id }).from(vaultKeks).where(eq(vaultKeks.state, 'retiring'))).map((r) => r.id);
  }

  return {
    async rotate(actor: AuditActor, options: RotateOptions = {}): Promise<RotationResult> {
      const batchSize = options.batchSize ?? 100;
      const known = await db.select().from(vaultKeks);
      const pending = (await Promise.all(known.filter((k) => k.state === 'retiring').map((k) => keks.referencing(db, k.id)))).some((n) => n > 0);
      let started = false;
      if (!pending) {
        let target = provider.activeKekId();
        if (known.some((k) => k.id === target)) {
          if (!provider.createKey) throw new PatchbayError('KEY_ROTATION_NO_NEW_KEY', { message: `PATCHBAY_MASTER_KEY is ${target}, which the vault already uses` });
          target = await provider.createKey();
        }
        await activate(actor, target);
        started = true;
      }
      const [active] = await db.select().from(vaultKeks).where(eq(vaultKeks.state, 'active'));
      const rewrapped = await rewrapAll(active!.id, batchSize);
      const retired: string[] = [];
      if (options.retire !== false) {
        for (const id of await retiringIds()) if (await retireKek(actor, id)) retired.push(id);
      }
      deps.log.info({ kek_id: active!.id, rewrapped, retired, started }, 'vault key rotation finished');
      return { activeKekId: active!.id, started, rewrapped, retired };
    },

    /** Finishes an interrupted re-wrap (called on start); returns how many data keys it moved. */
    async resume(): Promise<number> {
      const [active] = await db.select().from(vaultKeks).where(eq(vaultKeks.state, 'active'));
      const retiring = await db.select({ id: vaultKeks.id }).from(vaultKeks).where(eq(vaultKeks.state, 'retiring'));
      if (!active || retiring.length === 0) return 0;
      const moved = await rewrapAll(active.id, 100);
      if (moved > 0) deps.log.info({ kek_id: active.id, rewrapped: moved }, 'resumed an interrupted vault key rotation');
      return moved;
    },

    retire: (actor: AuditActor, kekId: string) => retireKek(actor, kekId),
  };
}

export type KeyRotation = ReturnType<typeof createKeyRotation>;
