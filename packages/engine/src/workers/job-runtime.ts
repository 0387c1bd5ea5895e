import type { Clock } from '@patchbay/types';
import type { JobQueue } from '../jobs/job-queue.ts';
import { JOBS_CHANNEL, createPgBossQueue } from '../jobs/pg-boss-queue.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { Scheduler } from '../schedules/scheduler.ts';
import type { SyncService } from '../sync/sync-service.ts';
import { requeueReason } from './execution-runner.ts';
import { runExclusive, type HousekeepingTask } from './housekeeping.ts';
import { createWorkerPool, type WorkerPool } from './worker-pool.ts';

export const SYNC_QUEUE = 'patchbay-sync';
/** A queued run whose stream is busy looks again after this long (unless the run ahead hands over first). */
const BUSY_RETRY_SECONDS = 10;

export interface SyncJob {
  readonly executionId: string;
}

export interface JobRuntimeOptions {
  /** Run sync jobs in this process (default true). */
  readonly workers?: boolean;
  /** Run the scheduler in this process (default: with workers). Several schedulers may run at once. */
  readonly scheduler?: boolean;
  /** Syncs run at once by this process (default 4). */
  readonly concurrency?: number;
  /** Poll interval when no NOTIFY wakes the workers (default 2000 ms). */
  readonly pollMs?: number;
  /** Heartbeats, cancel checks and dead-worker recovery (default every 2000 ms). */
  readonly maintenanceMs?: number;
  /** Longest sleep of the scheduler between ticks (default 1000 ms). */
  readonly tickMs?: number;
  /** pg-boss retries a job whose worker stopped heartbeating after this (a backstop; default and minimum 10 s). */
  readonly jobHeartbeatSeconds?: number;
  /** Replaces what a worker does with a sync job (benchmarks of the scheduler and queue alone). */
  readonly handle?: (job: SyncJob, signal: AbortSignal) => Promise<void>;
  /** The worker lost its database session (it can no longer prove it is alive): stop it, say why. */
  readonly onFatal?: (error: unknown) => void;
}

/** Runs `fn` now and then every `ms` of the clock until `signal` aborts; errors are logged, not fatal. */
function every(clock: Clock, signal: AbortSignal, ms: () => number, fn: () => Promise<void>, onError: (e: unknown) => void): Promise<void> {
  return (async () => {
    while (!signal.aborted) {
      try {
        await fn();
      } catch (error) {
        if (!signal.aborted) onError(error);
      }
      await clock.sleep(Math.max(20, ms()), signal).catch(() => undefined);
    }
  })();
}

/** A loop of its own that runs in the scheduler's process (SIEM destinations' delivery). */
export interface BackgroundLoop {
  start(): void;
  stop(): Promise<void>;
}

/**
 * The job side of a process: the queue (pg-boss in the same database), the sync workers and the
 * scheduler. `serve` starts all three (queue only with --no-workers), `patchbay worker` workers and
 * scheduler; nothing starts them in tests unless asked. The scheduler's process also runs the
 * housekeeping tasks (one process at a time on PostgreSQL).
 */
export function createJobRuntime(deps: EngineDeps, sync: SyncService, scheduler: Scheduler, housekeeping: readonly HousekeepingTask[] = [], background: readonly BackgroundLoop[] = []) {
  let queue: JobQueue | undefined;
  let pool: WorkerPool | undefined;
  let loops: Promise<void>[] = [];
  let stopLoops = new AbortController();
  let nextDue: Date | null = null;
  const listening = new WeakSet<object>();
  let onFatal: ((error: unknown) => void) | undefined;

  return {
    get queue(): JobQueue | undefined {
      return queue;
    },
    get pool(): WorkerPool | undefined {
      return pool;
    },

    async start(options: JobRuntimeOptions = {}): Promise<void> {
      if (queue) throw new Error('The job runtime is already started');
      const withWorkers = options.workers ?? true;
      const withScheduler = options.scheduler ?? withWorkers;
      const concurrency = Math.max(1, options.concurrency ?? 4);
      const q = createPgBossQueue(deps.database, { log: deps.log });
      await q.start();
      await q.createQueue(SYNC_QUEUE, { retryLimit: 5, retryDelaySeconds: 1, heartbeatSeconds: Math.max(10, options.jobHeartbeatSeconds ?? 10) });
      queue = q;
      sync.workers.attach({
        enqueue: (tx, ids) => q.send<SyncJob>(SYNC_QUEUE, ids.map((executionId) => ({ data: { executionId } })), tx),
        cancelJobs: (tx, ids) => q.cancel(SYNC_QUEUE, ids, tx),
      });
      stopLoops = new AbortController();
      const signal = stopLoops.signal;
      const warn = (what: string) => (error: unknown) => deps.log.warn({ err: error }, `${what} failed; retrying`);
      if (withWorkers) {
        const session = await sync.workers.session(concurrency);
        const workerPool = createWorkerPool<SyncJob>({
          queue: q,
          name: SYNC_QUEUE,
          concurrency,
          pollMs: options.pollMs ?? 2_000,
          clock: deps.clock,
          log: deps.log,
          handle: async (job, jobSignal) => {
            if (options.handle) return options.handle(job.data, jobSignal);
            const outcome = await sync.runQueued(job.data.executionId, job.id, jobSignal);
            // Its stream is busy: the run ahead of it queues it when it ends; this later job is the backstop.
            if (outcome?.kind === 'busy') await q.send<SyncJob>(SYNC_QUEUE, [{ data: job.data, startAfterSeconds: BUSY_RETRY_SECONDS }]);
          },
        });
        pool = workerPool;
        onFatal = options.onFatal;
        if (!listening.has(session)) {
          // Once per session (the runtime may be stopped and started again): they act on the current pool.
          listening.add(session);
          await session.listen(JOBS_CHANNEL, () => pool?.wake());
          session.onLost((error) => {
            deps.log.error({ err: error }, 'the worker lost its database session; stopping its syncs so other workers take them over');
            void pool?.stop(requeueReason('The worker lost its database session')).finally(() => onFatal?.(error));
          });
        }
        q.onSent(() => workerPool.wake());
        workerPool.start();
        loops.push(
          every(deps.clock, signal, () => options.maintenanceMs ?? 2_000, async () => {
            await session.heartbeat();
            await sync.workers.heartbeat();
            await sync.workers.checkCancels();
            await q.touch(SYNC_QUEUE, workerPool.activeJobIds());
            await sync.workers.reap();
          }, warn('worker maintenance')),
        );
      }
      if (withScheduler) {
        const tickMs = options.tickMs ?? 1_000;
        loops.push(
          every(deps.clock, signal, () => (nextDue ? Math.min(tickMs, nextDue.getTime() - deps.clock.now().getTime()) : tickMs), async () => {
            nextDue = (await scheduler.tick()).next;
          }, warn('scheduler tick')),
        );
        // Hub-wide chores ride with the scheduler: stale streams, retention, expiring credentials.
        // One loop runs the due tasks one after another: at most one task's connections at a time (a task
        // holds one for its advisory lock and uses another), however many tasks there are.
        if (housekeeping.length > 0) {
          const due = new Map(housekeeping.map((task) => [task, deps.clock.now().getTime()]));
          loops.push(
            every(deps.clock, signal, () => Math.max(0, Math.min(...due.values()) - deps.clock.now().getTime()), async () => {
              for (const [task, at] of due) {
                if (signal.aborted) return;
                if (at > deps.clock.now().getTime()) continue;
                due.set(task, deps.clock.now().getTime() + task.everyMs);
                try {
                  await runExclusive(deps.database, task);
                } catch (error) {
                  if (!signal.aborted) warn(`housekeeping task ${task.name}`)(error);
                }
              }
            }, warn('housekeeping')),
          );
        }
        for (const loop of background) loop.start();
      }
    },

    /**
     * Stops the scheduler, then the workers: running syncs stop after their page in flight and go back
     * to the queue (pending) to resume from their checkpoint elsewhere or at the next start.
     */
    async stop(): Promise<void> {
      stopLoops.abort();
      await Promise.allSettled([...loops, ...background.map((loop) => loop.stop())]);
      loops = [];
      await pool?.stop(requeueReason('The worker is shutting down'));
      pool = undefined;
      sync.workers.attach(undefined);
      await queue?.stop();
      queue = undefined;
    },
  };
}

export type JobRuntime = ReturnType<typeof createJobRuntime>;
