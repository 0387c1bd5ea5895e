import { count, eq } from 'drizzle-orm';
import { instanceHealth, integrationInstances, outbox, streamStaleness, type Db, type HealthError, type HealthState } from '@patchbay/store';
import { logOperation, logOperations } from '../logs/log-operation.ts';
import { deriveHealth, levelOf } from './derive-health.ts';

export type HealthRow = typeof instanceHealth.$inferSelect;

/** A finished operation: a sync execution or a connection test. */
export interface Outcome {
  readonly ok: boolean;
  readonly at: Date;
  readonly operation: string;
  readonly syncId?: string | null;
  /** Stored error details (`errorDetailsOf`): code, kind and message are kept. */
  readonly error?: Record<string, unknown> | null;
  /** Syncs only: whether the vendor answered 429 during the run. */
  readonly rateLimited?: boolean;
}

export interface HealthChange {
  readonly from: HealthState;
  readonly to: HealthState;
  readonly row: HealthRow;
}

function healthError(outcome: Outcome): HealthError {
  const e = outcome.error ?? {};
  return {
    code: typeof e.code === 'string' ? e.code : 'INTERNAL',
    kind: typeof e.kind === 'string' ? e.kind : 'bug',
    message: typeof e.message === 'string' ? e.message : 'The operation failed',
    operation: outcome.operation,
    sync_id: outcome.syncId ?? null,
    at: outcome.at.toISOString(),
  };
}

function unhealthyMessage(failures: number, error: HealthError | null): string {
  const last = error ? `: ${error.message} (${error.code})` : '';
  return `Unhealthy after ${failures} consecutive failures${last}`;
}

/**
 * Records an outcome (or, without one, re-derives the state after a staleness change) in the caller's
 * transaction. A state change writes an `instance.health_changed` event and a log entry. While
 * unhealthy, an active or configuring instance is put in `error` with the last error; when it
 * recovers, the status health replaced is restored (a status someone else set is left alone).
 * Returns undefined when the instance no longer exists.
 */
export async function updateHealth(tx: Db, instanceId: string, outcome: Outcome | null, now: Date): Promise<HealthChange | undefined> {
  const [instance] = await tx.select().from(integrationInstances).where(eq(integrationInstances.id, instanceId)).for('update');
  if (!instance) return undefined;
  await tx.insert(instanceHealth).values({ instanceId, organizationId: instance.organizationId, stateChangedAt: now, updatedAt: now }).onConflictDoNothing();
  const [locked] = await tx.select().from(instanceHealth).where(eq(instanceHealth.instanceId, instanceId)).for('update');
  const before = locked!;
  const [staleness] = await tx.select({ stale: count() }).from(streamStaleness).where(eq(streamStaleness.instanceId, instanceId));

  const next = {
    consecutiveFailures: outcome ? (outcome.ok ? 0 : before.consecutiveFailures + 1) : before.consecutiveFailures,
    lastError: outcome && !outcome.ok ? healthError(outcome) : before.lastError,
    lastSuccessAt: outcome?.ok ? outcome.at : before.lastSuccessAt,
    lastFailureAt: outcome && !outcome.ok ? outcome.at : before.lastFailureAt,
    rateLimited: outcome?.rateLimited ?? before.rateLimited,
  };
  const hasOutcome = next.lastSuccessAt !== null || next.lastFailureAt !== null;
  const { state, reasons } = deriveHealth({ consecutiveFailures: next.consecutiveFailures, hasOutcome, staleStreams: Number(staleness?.stale ?? 0), rateLimited: next.rateLimited });

  let statusBefore = before.statusBeforeUnhealthy;
  if (state === 'unhealthy') {
    const message = unhealthyMessage(next.consecutiveFailures, next.lastError);
    if (instance.status === 'active' || instance.status === 'configuring') {
      statusBefore = instance.status;
      await tx.update(integrationInstances).set({ status: 'error', errorMessage: message }).where(eq(integrationInstances.id, instanceId));
    } else if (instance.status === 'error' && statusBefore) {
      await tx.update(integrationInstances).set({ errorMessage: message }).where(eq(integrationInstances.id, instanceId));
    }
  } else if (statusBefore) {
    if (instance.status === 'error') await tx.update(integrationInstances).set({ status: statusBefore, errorMessage: null }).where(eq(integrationInstances.id, instanceId));
    statusBefore = null;
  }

  const changed = state !== before.state;
  const [row] = await tx
    .update(instanceHealth)
    .set({ ...next, state, reasons, statusBeforeUnhealthy: statusBefore, updatedAt: now, ...(changed ? { stateChangedAt: now } : {}) })
    .where(eq(instanceHealth.instanceId, instanceId))
    .returning();

  if (changed) {
    const data = {
      instance_id: instanceId,
      connector_id: instance.connectorId,
      from: before.state,
      to: state,
      reason: reasons.join(', ') || state,
      reasons,
      consecutive_failures: next.consecutiveFailures,
      last_error: state === 'healthy' ? null : next.lastError,
    };
    await tx.insert(outbox).values({ organizationId: instance.organizationId, instanceId, type: 'instance.health_changed', occurredAt: now, data });
    const why = reasons.length ? `: ${reasons.map((r) => r.replaceAll('_', ' ')).join(', ')}` : '';
    await logOperation(tx, {
      organizationId: instance.organizationId,
      instanceId,
      level: levelOf(state),
      operation: logOperations.health,
      message: `Health changed from ${before.state} to ${state}${why}`,
      details: data,
      syncId: outcome?.syncId ?? null,
      occurredAt: now,
    });
  }
  return { from: before.state, to: state, row: row! };
}
