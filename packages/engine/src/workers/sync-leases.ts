import { and, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import { syncExecutions, syncLeases, type Db } from '@patchbay/store';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { ExecutionRow } from '../sync/executions.ts';
import type { WorkerSession } from './worker-session.ts';

/** Pending executions older than this are not handed a stream (they are stale; the window bounds the scan). */
const PENDING_WINDOW_MS = 24 * 3_600_000;

/** A lease of this process older than this, for a run it no longer has, is given up. */
const STALE_OWN_LEASE_MS = 60_000;

export interface LeaseHolder {
  readonly executionId: string;
  readonly workerId: string;
}

export type LeaseResult = { readonly ok: true } | { readonly ok: false; readonly holder: LeaseHolder };

export interface LeaseOptions {
  readonly session: () => Promise<WorkerSession>;
  /** Takes back everything a dead worker held; `keep` is the execution the caller is about to run. */
  readonly recoverWorker: (workerId: string, keep?: string) => Promise<void>;
}

/**
 * At most one running sync per (instance, stream): a row in `sync_leases`, keyed by the pair. A lease
 * held by a live worker means "busy"; one held by a dead worker is taken back (its execution requeued)
 * and the lease taken.
 */
export function createLeases(deps: EngineDeps, options: LeaseOptions) {
  const { db } = deps.database;

  return {
    async acquire(execution: Pick<ExecutionRow, 'id' | 'instanceId' | 'stream'>, jobId?: string): Promise<LeaseResult> {
      const session = await options.session();
      for (let attempt = 0; attempt < 3; attempt++) {
        const now = deps.clock.now();
        const inserted = await db
          .insert(syncLeases)
          .values({ instanceId: execution.instanceId, stream: execution.stream, executionId: execution.id, workerId: session.id, jobId: jobId ?? null, acquiredAt: now, heartbeatAt: now })
          .onConflictDoNothing()
          .returning({ executionId: syncLeases.executionId });
        if (inserted.length) return { ok: true };
        const [held] = await db.select().from(syncLeases).where(and(eq(syncLeases.instanceId, execution.instanceId), eq(syncLeases.stream, execution.stream)));
        if (!held) continue;
        const holder = { executionId: held.executionId, workerId: held.workerId };
        if (held.workerId === session.id || (await session.isAlive(held.workerId))) return { ok: false, holder };
        await options.recoverWorker(held.workerId, execution.id);
      }
      const [held] = await db.select().from(syncLeases).where(and(eq(syncLeases.instanceId, execution.instanceId), eq(syncLeases.stream, execution.stream)));
      return { ok: false, holder: { executionId: held?.executionId ?? '', workerId: held?.workerId ?? '' } };
    },

    /** Gives the lease up (one statement); returns the next pending execution of the same stream, for the caller to queue. */
    async release(tx: Db, execution: Pick<ExecutionRow, 'id' | 'instanceId' | 'stream'>): Promise<string | undefined> {
      const session = await options.session();
      const rows = await tx.execute<{ id: string }>(sql`
        with gone as (
          delete from sync_leases where instance_id = ${execution.instanceId} and stream = ${execution.stream} and execution_id = ${execution.id} and worker_id = ${session.id}
        )
        select id from sync_executions
        where instance_id = ${execution.instanceId} and stream = ${execution.stream} and status = 'pending' and id <> ${execution.id} and cancel_requested_at is null
          and created_at > ${new Date(deps.clock.now().getTime() - PENDING_WINDOW_MS).toISOString()}::timestamptz
        order by created_at limit 1`);
      return (rows as unknown as { rows: { id: string }[] }).rows[0]?.id;
    },

    async heartbeat(executionIds: readonly string[]): Promise<void> {
      const session = await options.session();
      const now = deps.clock.now();
      // A lease of this worker whose run is over (its release failed, say) would hold the stream for as
      // long as the worker lives: let it go once it is clearly stale.
      const stale = new Date(now.getTime() - STALE_OWN_LEASE_MS);
      const mine = and(eq(syncLeases.workerId, session.id), lt(syncLeases.acquiredAt, stale));
      await db.delete(syncLeases).where(executionIds.length ? and(mine, notInArray(syncLeases.executionId, [...executionIds])) : mine);
      if (executionIds.length === 0) return;
      await db.update(syncLeases).set({ heartbeatAt: now }).where(and(eq(syncLeases.workerId, session.id), inArray(syncLeases.executionId, [...executionIds])));
      await db.update(syncExecutions).set({ heartbeatAt: now }).where(and(inArray(syncExecutions.id, [...executionIds]), eq(syncExecutions.status, 'running')));
    },
  };
}

export type Leases = ReturnType<typeof createLeases>;
