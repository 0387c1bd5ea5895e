import { and, eq, inArray, isNotNull, isNull, lt, ne } from 'drizzle-orm';
import { syncExecutions, syncLeases, workers, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { finishExecution } from '../sync/executions.ts';
import type { WorkerSession } from './worker-session.ts';

/** Stopped workers are forgotten after a week. */
const FORGET_AFTER_MS = 7 * 24 * 3_600_000;

export interface RecoveryOptions {
  readonly session: () => Promise<WorkerSession>;
  /**
   * Queues executions to run again (in the recovery's transaction), or answers false when no queue runs
   * in this process: the executions of a dead worker then end failed (WORKER_LOST) and the next run
   * resumes from their checkpoint.
   */
  readonly canRequeue: () => boolean;
  readonly requeue: (tx: Db, executions: readonly { id: string; jobId: string | null }[]) => Promise<void>;
}

export interface Recovery {
  /** Marks a dead worker stopped, frees its leases and requeues (or closes) what it was running. */
  recoverWorker(workerId: string, keep?: string): Promise<void>;
  /** Finds dead workers and leases left behind by stopped ones, and recovers them. Returns how many workers. */
  reap(): Promise<number>;
}

export function createRecovery(deps: EngineDeps, options: RecoveryOptions): Recovery {
  const { db } = deps.database;

  async function recoverWorker(workerId: string, keep?: string): Promise<void> {
    const requeued: string[] = [];
    await db.transaction(async (tx) => {
      const now = deps.clock.now();
      await tx.update(workers).set({ stoppedAt: now, stopReason: 'dead' }).where(and(eq(workers.id, workerId), isNull(workers.stoppedAt)));
      const leases = await tx.delete(syncLeases).where(eq(syncLeases.workerId, workerId)).returning();
      if (leases.length === 0) return;
      const rows = await tx
        .select()
        .from(syncExecutions)
        .where(and(inArray(syncExecutions.id, leases.map((l) => l.executionId)), inArray(syncExecutions.status, ['pending', 'running'])))
        .for('update');
      const again: { id: string; jobId: string | null }[] = [];
      for (const row of rows) {
        if (row.id === keep) {
          // The caller runs it next; pending until then, so that if another worker takes the stream
          // first, the handoff at the end of that run finds it.
          await tx.update(syncExecutions).set({ status: 'pending', endedAt: null }).where(eq(syncExecutions.id, row.id));
          continue;
        }
        if (row.cancelRequestedAt) {
          await finishExecution(tx, row.id, 'cancelled', now, new PatchbayError('REQUEST_CANCELLED', { message: 'Cancelled; the worker running it had stopped' }));
        } else if (options.canRequeue()) {
          await tx.update(syncExecutions).set({ status: 'pending', endedAt: null }).where(eq(syncExecutions.id, row.id));
          again.push({ id: row.id, jobId: leases.find((l) => l.executionId === row.id)?.jobId ?? null });
        } else {
          await finishExecution(tx, row.id, 'failed', now, new PatchbayError('WORKER_LOST', { message: `The process running this sync (worker ${workerId}) stopped; the next run resumes from its checkpoint` }));
        }
      }
      if (again.length) await options.requeue(tx, again);
      requeued.push(...again.map((a) => a.id));
    });
    if (requeued.length) deps.log.warn({ workerId, executions: requeued }, 'requeued the syncs of a worker that died');
  }

  return {
    recoverWorker,
    async reap() {
      const session = await options.session();
      const candidates = await db.select({ id: workers.id }).from(workers).where(and(isNull(workers.stoppedAt), ne(workers.id, session.id)));
      let recovered = 0;
      for (const { id } of candidates) {
        if (await session.isAlive(id)) continue;
        await recoverWorker(id);
        recovered++;
      }
      const leftovers = await db
        .selectDistinct({ id: syncLeases.workerId })
        .from(syncLeases)
        .innerJoin(workers, eq(workers.id, syncLeases.workerId))
        .where(isNotNull(workers.stoppedAt));
      for (const { id } of leftovers) await recoverWorker(id);
      // Rows of workers long gone are history nobody reads.
      await db.delete(workers).where(lt(workers.stoppedAt, new Date(deps.clock.now().getTime() - FORGET_AFTER_MS)));
      return recovered;
    },
  };
}
