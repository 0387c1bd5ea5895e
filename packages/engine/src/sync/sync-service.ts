import { and, desc, eq, gt, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { AnyConnector, AuthApplier, HttpMetrics, Transport } from '@patchbay/sdk';
import { syncExecutions, syncSchedules, workers, type Db, type SyncStatus, type SyncTrigger } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { InstanceService, InstanceRow } from '../instances/instances.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { createExecutionRunner, type RunOutcome, type SyncDispatcher } from '../workers/execution-runner.ts';
import { createRecovery } from '../workers/recovery.ts';
import { createLeases } from '../workers/sync-leases.ts';
import { openWorkerSession, type WorkerSession } from '../workers/worker-session.ts';
import type { ExecutionRow, NewExecution } from './executions.ts';
import type { MappingOverride } from './normalize-page.ts';

/** Resolves the credentials of an instance into an auth applier (the vault provides it). */
export type AuthResolver = (instance: InstanceRow, operation: string) => Promise<AuthApplier | undefined>;

/** A user mapping override for a stream, compiled once per run (DataMappings). */
export type MappingResolver = (instance: InstanceRow, stream: string) => Promise<{ override: MappingOverride; version: number } | undefined>;

/** Watches what runs do: health, integration logs and metrics hang off these calls. */
export interface SyncObserver {
  /** A run took its stream's lease and is about to read the first page. */
  executionStarted?(instance: InstanceRow, execution: ExecutionRow): Promise<void>;
  executionFinished?(instance: InstanceRow, execution: ExecutionRow): Promise<void>;
  httpMetrics?(instance: InstanceRow, metrics: HttpMetrics): void;
}

/** What running connector code needs: shared by syncs and connection tests. */
export interface SyncServiceOptions {
  readonly registry: ConnectorRegistry;
  readonly instances: InstanceService;
  readonly authFor?: AuthResolver;
  readonly mappingFor?: MappingResolver;
  readonly observer?: SyncObserver;
  /** Tests and record/replay swap the network layer here. */
  readonly transport?: Transport;
}

export interface RunOptions {
  readonly stream?: string;
  readonly trigger?: SyncTrigger;
  readonly signal?: AbortSignal;
  readonly keepRawBytes?: number;
  /** The schedule that fired this run. */
  readonly scheduleId?: string;
  /** The event subscription that fired this run: an event schedule's own subscription links the run to it. */
  readonly subscriptionId?: string;
}

export interface ExecutionFilter extends PageRequest {
  readonly instanceId?: string;
  readonly status?: SyncStatus;
}

const TERMINAL: readonly SyncStatus[] = ['completed', 'failed', 'cancelled'];
/** Pending executions older than this are not counted when coalescing triggers (they are stale). */
const COALESCE_WINDOW_MS = 24 * 3_600_000;

function streamsOf(connector: AnyConnector, name: string | undefined) {
  const streams = connector.streams ?? [];
  if (!name) return streams;
  const one = streams.find((s) => s.name === name);
  if (!one) throw new PatchbayError('NOT_FOUND', { field: 'stream', message: `Connector ${connector.id} has no stream ${name}`, hint: `Streams: ${streams.map((s) => s.name).join(', ') || 'none'}.` });
  return [one];
}

/**
 * Syncs of instance streams, one execution per stream. With a job queue attached (`patchbay serve` with
 * workers, `patchbay worker`), `start` creates the executions and their jobs in one transaction and the
 * workers run them; without one (tests, direct CLI use) it runs them in the background in this process.
 * `runNow` always runs here and waits. Every path holds the (instance, stream) lease while it runs, so at
 * most one sync of a stream runs anywhere.
 */
export function createSyncService(deps: EngineDeps, options: SyncServiceOptions) {
  const { db } = deps.database;
  const background = new Map<Promise<unknown>, AbortController>();
  let dispatcher: SyncDispatcher | undefined;
  let session: Promise<WorkerSession> | undefined;
  const getSession = () => (session ??= openWorkerSession(deps, { concurrency: 0 }));
  const recovery = createRecovery(deps, {
    session: getSession,
    canRequeue: () => dispatcher !== undefined,
    async requeue(tx, executions) {
      await dispatcher!.enqueue(tx, executions.map((e) => e.id));
      await dispatcher!.cancelJobs(tx, executions.flatMap((e) => (e.jobId ? [e.jobId] : [])));
    },
  });
  const leases = createLeases(deps, { session: getSession, recoverWorker: recovery.recoverWorker });
  const runner = createExecutionRunner(deps, { ...options, leases, dispatcher: () => dispatcher });

  async function createExecutions(tx: Db, inputs: readonly NewExecution[]): Promise<ExecutionRow[]> {
    if (inputs.length === 0) return [];
    const now = deps.clock.now();
    const rows = await tx
      .insert(syncExecutions)
      .values(inputs.map((input) => ({ ...input, status: 'pending' as const, createdAt: now })))
      .returning();
    if (dispatcher) await dispatcher.enqueue(tx, rows.map((r) => r.id));
    return rows;
  }

  /** Streams of an instance that already have a pending execution (a new trigger would only repeat it). */
  async function pendingStreams(tx: Db, instanceId: string): Promise<Set<string>> {
    const since = new Date(deps.clock.now().getTime() - COALESCE_WINDOW_MS);
    const rows = await tx
      .select({ stream: syncExecutions.stream })
      .from(syncExecutions)
      .where(and(eq(syncExecutions.instanceId, instanceId), gt(syncExecutions.createdAt, since), eq(syncExecutions.status, 'pending')));
    return new Set(rows.map((r) => r.stream));
  }

  async function prepare(actor: Actor, instanceId: string, run: RunOptions): Promise<{ instance: InstanceRow; executions: ExecutionRow[] }> {
    const instance = await options.instances.get(actor, instanceId);
    const connector = options.registry.require(instance.connectorId);
    let streams = streamsOf(connector, run.stream);
    let scheduleId = run.scheduleId;
    if (!scheduleId && run.subscriptionId) {
      const [schedule] = await db
        .select()
        .from(syncSchedules)
        .where(and(eq(syncSchedules.subscriptionId, run.subscriptionId), eq(syncSchedules.organizationId, actor.organizationId)));
      if (schedule) {
        // An event schedule runs only while it and its instance are active.
        if (!schedule.isActive || instance.status !== 'active') return { instance, executions: [] };
        scheduleId = schedule.id;
      }
    }
    const executions = await db.transaction(async (tx) => {
      if (run.trigger === 'event') {
        const pending = await pendingStreams(tx, instanceId);
        streams = streams.filter((s) => !pending.has(s.name));
      }
      const trigger = run.trigger ?? 'manual';
      const rows = await createExecutions(
        tx,
        streams.map((s) => ({ organizationId: instance.organizationId, instanceId, stream: s.name, trigger, initiatedBy: actor.userId, scheduleId })),
      );
      if (scheduleId && rows.length) await tx.update(syncSchedules).set({ lastExecution: deps.clock.now() }).where(eq(syncSchedules.id, scheduleId));
      return rows;
    });
    return { instance, executions };
  }

  function finishedRow(outcome: RunOutcome): ExecutionRow {
    return outcome.row;
  }

  return {
    /** Runs the streams here, one after the other, and returns their executions when they end. */
    async runNow(actor: Actor, instanceId: string, run: RunOptions = {}): Promise<ExecutionRow[]> {
      const { instance, executions } = await prepare(actor, instanceId, run);
      const signal = run.signal ?? new AbortController().signal;
      const results: ExecutionRow[] = [];
      for (const execution of executions) results.push(finishedRow(await runner.run(execution, { signal, queued: false, keepRawBytes: run.keepRawBytes }, instance)));
      return results;
    },

    /** Creates pending executions (queued when workers run) and returns them at once. */
    async start(actor: Actor, instanceId: string, run: RunOptions = {}): Promise<ExecutionRow[]> {
      const { instance, executions } = await prepare(actor, instanceId, run);
      if (dispatcher || executions.length === 0) return executions;
      const controller = new AbortController();
      const job = (async () => {
        for (const execution of executions) await runner.run(execution, { signal: controller.signal, queued: false, keepRawBytes: run.keepRawBytes }, instance);
      })()
        .catch((error: unknown) => deps.log.error({ err: error, instanceId }, 'background sync failed'))
        .finally(() => background.delete(job));
      background.set(job, controller);
      return executions;
    },

    /** Runs a queued execution (the workers' job handler). */
    runQueued(executionId: string, jobId: string, signal: AbortSignal): Promise<RunOutcome | undefined> {
      return runner.runById(executionId, { signal, jobId, queued: true });
    },

    /**
     * Cancels an execution: a pending one ends cancelled at once; a running one gets `cancel_requested_at`
     * and the worker running it stops after the page in flight. Audited.
     */
    async cancel(actor: Actor, id: string): Promise<ExecutionRow> {
      const row = await db.transaction(async (tx) => {
        const [before] = await tx.select().from(syncExecutions).where(and(eq(syncExecutions.id, id), eq(syncExecutions.organizationId, actor.organizationId))).for('update');
        if (!before) throw new PatchbayError('NOT_FOUND', { message: `No sync execution ${id}` });
        if (TERMINAL.includes(before.status)) {
          throw new PatchbayError('INVALID_STATE_TRANSITION', { message: `The execution already ended (${before.status})`, hint: 'Only pending and running executions can be cancelled.', details: { status: before.status } });
        }
        if (before.cancelRequestedAt) return before;
        const now = deps.clock.now();
        const cancelled = new PatchbayError('REQUEST_CANCELLED', { message: `Cancelled by ${actor.label}` });
        const [after] = await tx
          .update(syncExecutions)
          .set(before.status === 'pending' ? { status: 'cancelled', cancelRequestedAt: now, endedAt: now, errorDetails: { code: cancelled.code, kind: cancelled.kind, retryable: false, message: cancelled.message, hint: null } } : { cancelRequestedAt: now })
          .where(eq(syncExecutions.id, id))
          .returning();
        await appendAudit(tx, deps.clock, actor, { action: 'sync.cancel_requested', targetType: 'sync_execution', targetId: id, details: { instance_id: before.instanceId, stream: before.stream, status: before.status } });
        return after!;
      });
      await runner.checkCancels();
      return row;
    },

    /** Cancels background runs of this process and waits for them to record their state. */
    async shutdown(): Promise<void> {
      for (const controller of background.values()) controller.abort(new PatchbayError('REQUEST_CANCELLED', { message: 'The hub is shutting down' }));
      await Promise.allSettled([...background.keys()]);
      const open = session;
      session = undefined;
      if (open) await (await open.catch(() => undefined))?.close();
    },

    /** Waits for the background runs started so far (tests, graceful shutdown without cancelling). */
    async idle(): Promise<void> {
      await Promise.allSettled([...background.keys()]);
    },

    async listExecutions(actor: Actor, filter: ExecutionFilter): Promise<Page<ExecutionRow>> {
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [eq(syncExecutions.organizationId, actor.organizationId)];
      if (filter.instanceId) where.push(eq(syncExecutions.instanceId, filter.instanceId));
      if (filter.status) where.push(eq(syncExecutions.status, filter.status));
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(syncExecutions.createdAt, t), and(eq(syncExecutions.createdAt, t), lt(syncExecutions.id, String(id))))!);
      }
      const rows = await db.select().from(syncExecutions).where(and(...where)).orderBy(desc(syncExecutions.createdAt), desc(syncExecutions.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    async getExecution(actor: Actor, id: string): Promise<ExecutionRow> {
      const [row] = await db.select().from(syncExecutions).where(and(eq(syncExecutions.id, id), eq(syncExecutions.organizationId, actor.organizationId)));
      if (!row) throw new PatchbayError('NOT_FOUND', { message: `No sync execution ${id}` });
      return row;
    },

    /** Hooks for the job runtime (engine/src/workers/job-runtime.ts). */
    workers: {
      /** Sends later starts to the queue, and lets recovery requeue; `undefined` detaches. */
      attach(next: SyncDispatcher | undefined): void {
        dispatcher = next;
      },
      /** This process's worker identity (opened on first use), with its concurrency recorded. */
      async session(concurrency?: number): Promise<WorkerSession> {
        const s = await getSession();
        if (concurrency !== undefined) await db.update(workers).set({ concurrency }).where(eq(workers.id, s.id));
        return s;
      },
      /** Creates executions and queues them, in the caller's transaction (the scheduler). */
      createExecutions,
      running: () => runner.running(),
      checkCancels: () => runner.checkCancels(),
      abortAll: (reason: unknown) => runner.abortAll(reason),
      heartbeat: () => leases.heartbeat(runner.running().map((r) => r.executionId)),
      reap: () => recovery.reap(),
      /** Executions of these (instance, stream) pairs that are pending or running (scheduler coalescing). */
      async busy(tx: Db, instanceIds: readonly string[]): Promise<Set<string>> {
        if (instanceIds.length === 0) return new Set();
        const since = new Date(deps.clock.now().getTime() - COALESCE_WINDOW_MS);
        const rows = await tx
          .select({ instanceId: syncExecutions.instanceId, stream: syncExecutions.stream })
          .from(syncExecutions)
          .where(and(inArray(syncExecutions.instanceId, [...instanceIds]), gt(syncExecutions.createdAt, since), inArray(syncExecutions.status, ['pending', 'running'])));
        return new Set(rows.map((r) => `${r.instanceId}:${r.stream}`));
      },
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
