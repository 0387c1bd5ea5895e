import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import { authConfigs, outbox } from '@patchbay/store';
import type { EngineDeps } from '../lib/engine-deps.ts';

export const DEFAULT_EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;

/**
 * Emits `credential.expiring` once per expiration for configs whose known expiry is within `warningDays`
 * (or past). Safe to run from several processes: the conditional update lets one of them emit.
 * Changing a config's expiration re-arms it. Returns how many events it emitted.
 */
export function createExpiryCheck(deps: EngineDeps, warningDays = DEFAULT_EXPIRY_WARNING_DAYS) {
  const { db } = deps.database;
  return async function checkExpiring(): Promise<number> {
    const now = deps.clock.now();
    const horizon = new Date(now.getTime() + warningDays * DAY_MS);
    const due = await db
      .select({ id: authConfigs.id })
      .from(authConfigs)
      .where(and(isNotNull(authConfigs.expiration), lte(authConfigs.expiration, horizon), isNull(authConfigs.expiryNotifiedAt)));
    let emitted = 0;
    for (const { id } of due) {
      await db.transaction(async (tx) => {
        const [row] = await tx.update(authConfigs).set({ expiryNotifiedAt: now }).where(and(eq(authConfigs.id, id), isNull(authConfigs.expiryNotifiedAt))).returning();
        if (!row?.expiration) return;
        const daysLeft = Math.floor((row.expiration.getTime() - now.getTime()) / DAY_MS);
        await tx.insert(outbox).values({
          organizationId: row.organizationId,
          type: 'credential.expiring',
          occurredAt: now,
          data: { auth_config_id: row.id, name: row.name, auth_type: row.authType, expires_at: row.expiration.toISOString(), days_left: daysLeft, expired: daysLeft < 0 },
        });
        emitted++;
      });
    }
    if (emitted > 0) deps.log.info({ emitted }, 'credential expiry warnings emitted');
    return emitted;
  };
}
