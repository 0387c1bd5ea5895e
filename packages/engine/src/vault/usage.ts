import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { authConfigs, credentialUsage, type Db } from '@patchbay/store';
import type { Clock } from '@patchbay/types';
import type { AuditActor } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';

export type UsageRow = typeof credentialUsage.$inferSelect;

export interface UsePurpose {
  /** Why the credential is decrypted: `sync`, `test`, `action`, `token_refresh`, `authorize`. */
  readonly operation: string;
  readonly instanceId?: string;
}

/** `last_used` on the config is written at most this often. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** One upsert per decryption for use: aggregated by config, actor, instance and operation. */
export async function recordUsage(handle: Db, clock: Clock, actor: AuditActor, organizationId: string, authConfigId: string, purpose: UsePurpose): Promise<void> {
  const now = clock.now();
  await handle
    .insert(credentialUsage)
    .values({
      organizationId,
      authConfigId,
      actorType: actor.type,
      actorKey: actor.userId ?? actor.tokenId ?? actor.label,
      actorLabel: actor.label,
      instanceKey: purpose.instanceId ?? '',
      operation: purpose.operation,
      count: 1,
      firstUsedAt: now,
      lastUsedAt: now,
    })
    .onConflictDoUpdate({
      target: [credentialUsage.authConfigId, credentialUsage.actorKey, credentialUsage.instanceKey, credentialUsage.operation],
      set: { count: sql`${credentialUsage.count} + 1`, lastUsedAt: now, actorLabel: actor.label },
    });
  await handle
    .update(authConfigs)
    .set({ lastUsed: now })
    .where(and(eq(authConfigs.id, authConfigId), or(isNull(authConfigs.lastUsed), lt(authConfigs.lastUsed, new Date(now.getTime() - LAST_USED_RESOLUTION_MS)))));
}

/** Usage for auditors, most recent first. */
export function createUsageReader(deps: EngineDeps) {
  return async (actor: Actor, authConfigId: string, page: PageRequest): Promise<Page<UsageRow>> => {
    const limit = clampLimit(page.limit);
    const where = [eq(credentialUsage.organizationId, actor.organizationId), eq(credentialUsage.authConfigId, authConfigId)];
    if (page.cursor) {
      const [at, key] = decodeCursor(page.cursor, 2);
      const t = new Date(String(at));
      const rowKey = sql`${credentialUsage.actorKey} || '|' || ${credentialUsage.instanceKey} || '|' || ${credentialUsage.operation}`;
      where.push(or(lt(credentialUsage.lastUsedAt, t), and(eq(credentialUsage.lastUsedAt, t), sql`${rowKey} < ${String(key)}`))!);
    }
    const rows = await deps.database.db
      .select()
      .from(credentialUsage)
      .where(and(...where))
      .orderBy(desc(credentialUsage.lastUsedAt), desc(sql`${credentialUsage.actorKey} || '|' || ${credentialUsage.instanceKey} || '|' || ${credentialUsage.operation}`))
      .limit(limit + 1);
    return toPage(rows, limit, (r) => [r.lastUsedAt.toISOString(), `${r.actorKey}|${r.instanceKey}|${r.operation}`]);
  };
}
