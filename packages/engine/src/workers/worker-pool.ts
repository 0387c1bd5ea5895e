import type { Clock } from '@patchbay/types';
import type { JobQueue, QueuedJob } from '../jobs/job-queue.ts';
import type { Logger } from '../lib/logger.ts';

/**
 * Lets timers and I/O run. On PGlite every query runs on this thread and can resolve without a macrotask
 * in between, so a busy pool of I/O-free jobs would otherwise starve the API, the scheduler and the timers.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface WorkerPoolOptions<T> {
  readonly queue: JobQueue;
  readonly name: string;
  readonly concurrency: number;
  /** Poll interval when no wake-up (NOTIFY) arrives. */
  readonly pollMs: number;
  readonly clock: Clock;
  readonly log: Logger;
  /** Runs one job; resolving completes it, throwing fails it (the queue retries it later). */
  readonly handle: (job: QueuedJob<T>, signal: AbortSignal) => Promise<void>;
}

/**
 * Fetches jobs into `concurrency` slots: as many as are free per fetch, again at once while fetches come
 * back full, and otherwise when woken (a NOTIFY from a send, a slot freeing) or at the poll interval.
 */
export function createWorkerPool<T>(options: WorkerPoolOptions<T>) {
  const active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let stopping = false;
  let woken = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;

  const signalWake = () => {
    woken = true;
    wake?.();
  };

  function launch(job: QueuedJob<T>): void {
    const controller = new AbortController();
    const done = (async () => {
      try {
        await yieldToEventLoop();
        await options.handle(job, controller.signal);
        await options.queue.complete(options.name, [job]);
      } catch (error) {
        options.log.error({ err: error, jobId: job.id }, 'job failed; the queue retries it');
        await options.queue.fail(options.name, job, error).catch((e: unknown) => options.log.error({ err: e, jobId: job.id }, 'could not record the job failure'));
      } finally {
        active.delete(job.id);
        signalWake();
      }
    })();
    active.set(job.id, { controller, done });
  }

  async function idle(): Promise<void> {
    if (woken || stopping) return;
    const sleeper = new AbortController();
    await Promise.race([options.clock.sleep(options.pollMs, sleeper.signal).catch(() => undefined), new Promise<void>((resolve) => (wake = resolve))]);
    wake = undefined;
    sleeper.abort();
  }

  async function run(): Promise<void> {
    while (!stopping) {
      await yieldToEventLoop();
      woken = false;
      const free = options.concurrency - active.size;
      let fetched = 0;
      if (free > 0) {
        try {
          const jobs = await options.queue.fetch<T>(options.name, free);
          fetched = jobs.length;
          for (const job of jobs) {
            if (stopping) await options.queue.fail(options.name, job, new Error('worker stopping')).catch(() => undefined);
            else launch(job);
          }
        } catch (error) {
          if (!stopping) options.log.warn({ err: error, queue: options.name }, 'fetching jobs failed; retrying at the next poll');
        }
      }
      if (fetched > 0 && fetched === free) continue;
      await idle();
    }
  }

  return {
    start(): void {
      loop ??= run();
    },
    wake: signalWake,
    /** Ids of the jobs running now (heartbeats). */
    activeJobIds: (): string[] => [...active.keys()],
    get size(): number {
      return active.size;
    },
    /** Stops fetching, aborts running jobs with `reason` and waits for them to settle. */
    async stop(reason: unknown): Promise<void> {
      stopping = true;
      signalWake();
      for (const { controller } of active.values()) controller.abort(reason);
      await loop;
      await Promise.allSettled([...active.values()].map((a) => a.done));
    },
  };
}

export type WorkerPool = ReturnType<typeof createWorkerPool>;
