import type { Db } from '@patchbay/store';

/** A job as a worker receives it. */
export interface QueuedJob<T> {
  readonly id: string;
  readonly data: T;
  /** How many times it failed before (0 on the first attempt). */
  readonly retryCount: number;
}

export interface NewJob<T> {
  /** A stable id makes sending idempotent: a second send with the same id is ignored. */
  readonly id?: string;
  readonly data: T;
  /** Not before this many seconds from now. */
  readonly startAfterSeconds?: number;
}

export interface QueueSettings {
  /** Retries after a handler failure (not after a crash: crashes are recovered by the workers). */
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
  /** A job whose worker sends no heartbeat for this long is retried (the slow backstop). */
  readonly heartbeatSeconds: number;
}

/**
 * The small queue interface the engine uses, whatever runs it (pg-boss on PostgreSQL and on PGlite).
 * Jobs sent with `tx` commit or roll back with the caller's transaction.
 */
export interface JobQueue {
  start(): Promise<void>;
  stop(): Promise<void>;
  createQueue(name: string, settings: QueueSettings): Promise<void>;
  send<T extends object>(name: string, jobs: readonly NewJob<T>[], tx?: Db): Promise<void>;
  fetch<T>(name: string, max: number): Promise<QueuedJob<T>[]>;
  complete(name: string, jobs: readonly QueuedJob<unknown>[]): Promise<void>;
  fail(name: string, job: QueuedJob<unknown>, error: unknown): Promise<void>;
  cancel(name: string, ids: readonly string[], tx?: Db): Promise<void>;
  /** Keeps active jobs alive (their worker is running them). */
  touch(name: string, ids: readonly string[]): Promise<void>;
  /** Called when this process sent jobs (after their transaction committed, when there was one). */
  onSent(listener: (name: string) => void): () => void;
}
