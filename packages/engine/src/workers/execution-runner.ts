import { eq, inArray } from 'drizzle-orm';
import { integrationInstances, syncExecutions, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import type { InstanceRow } from '../instances/instances.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { finishExecution, type ExecutionRow } from '../sync/executions.ts';
import { runStream } from '../sync/run-stream.ts';
import { openStreamContext } from '../sync/stream-context.ts';
import type { SyncServiceOptions } from '../sync/sync-service.ts';
import type { Leases } from './sync-leases.ts';

/** Queues executions to run on the workers; called inside the transaction that created or reset them. */
export interface SyncDispatcher {
  enqueue(tx: Db, executionIds: readonly string[]): Promise<void>;
  /** Drops queue jobs that will not be needed (a dead worker's job, once its execution is requeued). */
  cancelJobs(tx: Db, jobIds: readonly string[]): Promise<void>;
}

export type RunOutcome =
  | { readonly kind: 'finished'; readonly row: ExecutionRow }
  /** Another live worker runs this (instance, stream); the execution stays pending and is queued when it is done. */
  | { readonly kind: 'busy'; readonly row: ExecutionRow }
  /** Nothing to do: the execution had already ended. */
  | { readonly kind: 'skipped'; readonly row: ExecutionRow }
  /** Stopped for a shutdown: pending again and queued, to resume from its checkpoint. */
  | { readonly kind: 'requeued'; readonly row: ExecutionRow };

/** Abort reasons after which the execution is put back in the queue instead of ending cancelled. */
const requeueReasons = new WeakSet<object>();

export function requeueReason(message: string): PatchbayError {
  const reason = new PatchbayError('REQUEST_CANCELLED', { message });
  requeueReasons.add(reason);
  return reason;
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export interface RunContext {
  readonly signal: AbortSignal;
  readonly jobId?: string;
  /** From the queue: a busy stream leaves it pending (it runs when the stream is free). */
  readonly queued: boolean;
  readonly keepRawBytes?: number;
}

export interface RunnerOptions extends SyncServiceOptions {
  readonly leases: Leases;
  readonly dispatcher: () => SyncDispatcher | undefined;
}

/**
 * Runs one execution wherever it comes from (the queue, `runNow`, a background start): takes the
 * (instance, stream) lease, runs the stream with the installation's shared rate budget, watches for a
 * cancel request after every page, and at the end gives the lease up and queues the next pending
 * execution of the stream.
 */
export function createExecutionRunner(deps: EngineDeps, options: RunnerOptions) {
  const { db } = deps.database;
  const running = new Map<string, { readonly controller: AbortController; readonly jobId?: string }>();

  async function reload(id: string): Promise<ExecutionRow | undefined> {
    const [row] = await db.select().from(syncExecutions).where(eq(syncExecutions.id, id));
    return row;
  }

  const cancelReason = () => new PatchbayError('REQUEST_CANCELLED', { message: 'Cancelled on request' });

  async function fail(execution: ExecutionRow, error: unknown): Promise<RunOutcome> {
    return { kind: 'finished', row: await finishExecution(db, execution.id, 'failed', deps.clock.now(), error) };
  }

  /** The execution and its instance in one round trip (the queue's path starts from an id). */
  async function load(executionId: string): Promise<{ execution: ExecutionRow; instance: InstanceRow | null } | undefined> {
    const [row] = await db
      .select({ execution: syncExecutions, instance: integrationInstances })
      .from(syncExecutions)
      .leftJoin(integrationInstances, eq(integrationInstances.id, syncExecutions.instanceId))
      .where(eq(syncExecutions.id, executionId));
    return row;
  }

  async function run(execution: ExecutionRow, run: RunContext, known?: InstanceRow): Promise<RunOutcome> {
    const instance = known ?? (await load(execution.id))?.instance;
    if (!instance) return fail(execution, new PatchbayError('NOT_FOUND', { message: `Instance ${execution.instanceId} no longer exists` }));
    const connector = options.registry.get(instance.connectorId);
    if (!connector) return fail(execution, new PatchbayError('CONNECTOR_NOT_FOUND', { message: `Connector ${instance.connectorId} is not available in this worker`, hint: 'Run workers from the same build as the API, with the same connectors registered.' }));
    const stream = (connector.streams ?? []).find((s) => s.name === execution.stream);
    if (!stream) return fail(execution, new PatchbayError('NOT_FOUND', { field: 'stream', message: `Connector ${connector.id} has no stream ${execution.stream}` }));

    const lease = await options.leases.acquire(execution, run.jobId);
    if (!lease.ok) {
      if (run.queued) return { kind: 'busy', row: execution };
      return fail(execution, new PatchbayError('SYNC_ALREADY_RUNNING', { message: `Stream ${execution.stream} of this instance is already syncing (execution ${lease.holder.executionId})`, details: { execution_id: lease.holder.executionId } }));
    }
    let requeue = false;
    try {
      const fresh = await reload(execution.id);
      if (!fresh || TERMINAL.has(fresh.status)) return { kind: 'skipped', row: fresh ?? execution };
      if (fresh.cancelRequestedAt) return { kind: 'finished', row: await finishExecution(db, fresh.id, 'cancelled', deps.clock.now(), cancelReason()) };
      const controller = new AbortController();
      const forward = () => controller.abort(run.signal.reason);
      if (run.signal.aborted) forward();
      else run.signal.addEventListener('abort', forward, { once: true });
      running.set(fresh.id, { controller, jobId: run.jobId });
      let row: ExecutionRow;
      try {
        // The installation's shared rate budget, credentials from the vault, HTTP metrics to the observer.
        const ctx = await openStreamContext(deps, options, { connector, instance, operation: 'sync', signal: controller.signal });
        try {
          const mapping = await options.mappingFor?.(instance, stream.name);
          await options.observer?.executionStarted?.(instance, fresh);
          row = await runStream({
            deps,
            connector,
            stream,
            instance,
            ctx,
            execution: fresh,
            keepRawBytes: run.keepRawBytes,
            override: mapping?.override,
            mappingVersion: mapping?.version ?? null,
            onPage: async () => {
              const now = await reload(fresh.id);
              if (now?.cancelRequestedAt && !controller.signal.aborted) controller.abort(cancelReason());
            },
          });
        } finally {
          await ctx.close();
        }
      } catch (error) {
        // Failed before the stream ran (credentials, mapping): the execution records why.
        row = await finishExecution(db, fresh.id, controller.signal.aborted ? 'cancelled' : 'failed', deps.clock.now(), error);
      } finally {
        run.signal.removeEventListener('abort', forward);
      }
      if (row.status === 'cancelled' && requeueReasons.has(controller.signal.reason as object) && options.dispatcher() && !(await reload(row.id))?.cancelRequestedAt) {
        requeue = true;
        return { kind: 'requeued', row: { ...row, status: 'pending', endedAt: null, errorDetails: null } };
      }
      await options.observer?.executionFinished?.(instance, row);
      return { kind: 'finished', row };
    } finally {
      running.delete(execution.id);
      const dispatcher = options.dispatcher();
      if (requeue) {
        await db.transaction(async (tx) => {
          await tx.update(syncExecutions).set({ status: 'pending', endedAt: null, errorDetails: null }).where(eq(syncExecutions.id, execution.id));
          const next = await options.leases.release(tx, execution);
          await dispatcher!.enqueue(tx, next ? [execution.id, next] : [execution.id]);
        });
      } else {
        // One statement; the next run of the stream (if one waits) is queued after it. Were this process
        // to die in between, that run's own delayed job (see job-runtime) still starts it.
        const next = await options.leases.release(db, execution);
        if (dispatcher && next) await db.transaction((tx) => dispatcher.enqueue(tx, [next]));
      }
    }
  }

  return {
    run,
    /** Runs a queued execution by id; undefined when it no longer exists. */
    async runById(executionId: string, context: RunContext): Promise<RunOutcome | undefined> {
      const found = await load(executionId);
      if (!found) return undefined;
      if (TERMINAL.has(found.execution.status)) return { kind: 'skipped', row: found.execution };
      return run(found.execution, context, found.instance ?? undefined);
    },
    /** Executions running in this process, with their queue job. */
    running: () => [...running.entries()].map(([id, r]) => ({ executionId: id, jobId: r.jobId })),
    /** Aborts running executions whose cancellation was requested (between pages). */
    async checkCancels(): Promise<void> {
      const ids = [...running.keys()];
      if (ids.length === 0) return;
      const rows = await db.select({ id: syncExecutions.id, cancelRequestedAt: syncExecutions.cancelRequestedAt }).from(syncExecutions).where(inArray(syncExecutions.id, ids));
      for (const r of rows) if (r.cancelRequestedAt) running.get(r.id)?.controller.abort(cancelReason());
    },
    /** Aborts everything running here with `reason`. */
    abortAll(reason: unknown): void {
      for (const r of running.values()) r.controller.abort(reason);
    },
  };
}

export type ExecutionRunner = ReturnType<typeof createExecutionRunner>;
