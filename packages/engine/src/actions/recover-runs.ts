import { and, eq, inArray, lte } from 'drizzle-orm';
import { actionRuns } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import { systemActor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { errorDetailsOf } from '../sync/executions.ts';
import type { WorkerSession } from '../workers/worker-session.ts';
import { maskSecrets } from './mask-input.ts';

/** A run is given up only this long after it started (or was approved), and only when its process is gone. */
export const DEFAULT_LOST_AFTER_MS = 5 * 60_000;

export interface LostRunRecovery {
  /** Runs that ended failed with ACTION_RUN_LOST. */
  readonly failed: number;
}

type RunRow = typeof actionRuns.$inferSelect;

function lostError(row: RunRow): PatchbayError {
  if (row.status === 'approved') {
    return new PatchbayError('ACTION_RUN_LOST', {
      message: `The run of ${row.action} was approved, but the process that was to start it stopped first: nothing was sent to the vendor`,
      hint: 'Invoke the action again if it is still needed.',
    });
  }
  return new PatchbayError('ACTION_RUN_LOST', {
    message: `The process running ${row.action}${row.ownerId ? ` (worker ${row.ownerId})` : ''} stopped before it recorded the outcome: the vendor may or may not have carried the action out`,
    hint: "Check on the vendor's side whether the action took effect before invoking it again (or reversing it).",
  });
}

/**
 * Fails the action runs whose process died mid-run, the way the sync engine recovers dead syncs: a run
 * still `running` `lostAfterMs` after it started whose owner (a worker session: on PostgreSQL an advisory
 * lock held by the process's connection, on PGlite a session of this process) is not alive, and a run
 * left `approved` that long (its process stopped between the approval and the start), end `failed` with
 * ACTION_RUN_LOST, audited as `action_run.failed` by `system:action-recovery`. Nothing is retried: the
 * vendor-side effect of a run that was in flight is unknown.
 */
export async function recoverLostRuns(deps: EngineDeps, session: WorkerSession, lostAfterMs: number): Promise<LostRunRecovery> {
  const { db } = deps.database;
  const cutoff = new Date(deps.clock.now().getTime() - lostAfterMs);
  const candidates = await db
    .select()
    .from(actionRuns)
    .where(and(inArray(actionRuns.status, ['approved', 'running']), lte(actionRuns.updatedAt, cutoff)));
  let failed = 0;
  for (const candidate of candidates) {
    if (candidate.status === 'running' && candidate.ownerId && (await session.isAlive(candidate.ownerId))) continue;
    const done = await db.transaction(async (tx) => {
      const [row] = await tx.select().from(actionRuns).where(eq(actionRuns.id, candidate.id)).for('update');
      // Changed since it was read (it finished, or started): not lost.
      if (!row || row.status !== candidate.status || row.updatedAt.getTime() !== candidate.updatedAt.getTime()) return false;
      const now = deps.clock.now();
      const error = lostError(row);
      const [after] = await tx
        .update(actionRuns)
        .set({ status: 'failed', errorDetails: errorDetailsOf(error), finishedAt: now, durationMs: row.startedAt ? now.getTime() - row.startedAt.getTime() : null, updatedAt: now })
        .where(eq(actionRuns.id, row.id))
        .returning();
      await appendAudit(tx, deps.clock, systemActor(row.organizationId, 'action-recovery'), {
        action: 'action_run.failed',
        targetType: 'action_run',
        targetId: row.id,
        outcome: 'failure',
        details: {
          instance_id: after!.instanceId,
          connector_id: after!.connectorId,
          action: after!.action,
          status: after!.status,
          trigger: after!.trigger,
          input: maskSecrets(after!.input),
          record_id: after!.recordId,
          error_code: error.code,
          previous_status: row.status,
          owner_id: row.ownerId,
          vendor_effect: row.status === 'running' ? 'unknown' : 'none',
        },
      });
      return true;
    });
    if (done) {
      failed += 1;
      deps.log.warn({ actionRunId: candidate.id, action: candidate.action, ownerId: candidate.ownerId, status: candidate.status }, 'action run lost: its process stopped; marked failed');
    }
  }
  return { failed };
}
