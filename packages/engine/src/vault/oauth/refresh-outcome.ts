import { and, eq } from 'drizzle-orm';
import { authConfigs, integrationInstances, outbox, type Db } from '@patchbay/store';
import { appendAudit, type AuditActor } from '../../audit/append-audit.ts';
import type { EngineDeps } from '../../lib/engine-deps.ts';
import type { AuthConfigRecord } from '../auth-config-store.ts';

/**
 * A refresh the server refused: the config and its active instances go to error with the reason, a
 * `credential.refresh_failed` event is emitted and the failure audited, all in one transaction.
 */
export async function markRefreshFailed(deps: EngineDeps, handle: Db, actor: AuditActor, row: AuthConfigRecord, reason: string): Promise<void> {
  await handle.transaction(async (tx) => {
    const now = deps.clock.now();
    await tx.update(authConfigs).set({ status: 'error', statusReason: reason, updatedAt: now }).where(eq(authConfigs.id, row.id));
    const instances = await tx
      .update(integrationInstances)
      .set({ status: 'error', errorMessage: `Authentication config "${row.name}" failed: ${reason}`, updatedAt: now })
      .where(and(eq(integrationInstances.organizationId, row.organizationId), eq(integrationInstances.authConfigId, row.id), eq(integrationInstances.status, 'active')))
      .returning({ id: integrationInstances.id });
    const instanceIds = instances.map((i) => i.id);
    await tx.insert(outbox).values({
      organizationId: row.organizationId,
      type: 'credential.refresh_failed',
      occurredAt: now,
      data: { auth_config_id: row.id, name: row.name, auth_type: row.authType, error: { code: 'CREDENTIAL_REFRESH_FAILED', message: reason }, instance_ids: instanceIds },
    });
    await appendAudit(tx, deps.clock, actor, { action: 'auth_config.refresh_failed', outcome: 'failure', targetType: 'auth_config', targetId: row.id, details: { reason, instance_ids: instanceIds } });
  });
  deps.log.warn({ auth_config_id: row.id, reason }, 'credential refresh failed');
}
