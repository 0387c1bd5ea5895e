import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle, fromPglite, type Db as IDatabase } from 'pg-boss';
import type { Database, Db } from '@patchbay/store';
import type { Logger } from '../lib/logger.ts';
import { pgliteOf, poolOf } from './db-client.ts';
import type { JobQueue, NewJob, QueuedJob, QueueSettings } from './job-queue.ts';

/** Channel a send notifies (in the sending transaction, so it is delivered on commit). */
export const JOBS_CHANNEL = 'patchbay_jobs';

/** Serialises pg-boss's first start (schema creation) across processes. */
const BOSS_START_LOCK = 7_402_115_003;

/** pg-boss schema; created by pg-boss itself on start. */
export const BOSS_SCHEMA = 'pgboss';

function flatten(result: unknown): { rows: unknown[] } {
  if (Array.isArray(result)) return { rows: result.flatMap((r: { rows?: unknown[] }) => r.rows ?? []) };
  return result as { rows: unknown[] };
}

/** pg-boss over the database the engine already opened: the PGlite instance, or the pg pool. */
function bossDatabase(database: Database): IDatabase {
  if (database.kind === 'pglite') return fromPglite(pgliteOf(database));
  const pool = poolOf(database);
  return { executeSql: async (text, values) => flatten(await pool.query(text, values as unknown[])) };
}

function bossOf(tx: Db): IDatabase {
  return fromDrizzle(tx as unknown as Parameters<typeof fromDrizzle>[0], sql as unknown as Parameters<typeof fromDrizzle>[1]);
}

export interface PgBossQueueOptions {
  readonly log: Logger;
  /** pg-boss maintenance (expiry, retention, heartbeat checks); every process may run it. */
  readonly supervise?: boolean;
}

/**
 * The job queue on pg-boss 12, in the same database as everything else: on PostgreSQL through the
 * engine's pool, on PGlite through pg-boss's PGlite adapter (one process, one connection). Workers
 * fetch with `FOR UPDATE SKIP LOCKED`; a send notifies `patchbay_jobs` in its transaction so idle
 * workers wake on commit instead of at their next poll.
 */
export function createPgBossQueue(database: Database, options: PgBossQueueOptions): JobQueue {
  const boss = new PgBoss({
    db: bossDatabase(database),
    backend: database.kind === 'pglite' ? 'pglite' : 'postgres',
    schema: BOSS_SCHEMA,
    schedule: false,
    supervise: options.supervise ?? true,
    // Jobs whose worker died before it took the stream's lease come back through pg-boss's heartbeat
    // check (every lease-holding one is recovered at once by the workers themselves): check often.
    monitorIntervalSeconds: 5,
    superviseIntervalSeconds: 5,
  });
  boss.on('error', (error) => options.log.warn({ err: error }, 'job queue maintenance error'));
  /**
   * pg-boss creates its schema on the first start, and queues on demand; processes starting together on
   * a fresh database would race on CREATE SCHEMA. One at a time across processes, like the migrations.
   */
  const oneAtATime = async (fn: () => Promise<unknown>): Promise<void> => {
    if (database.kind === 'pglite') return void (await fn());
    const session = await poolOf(database).connect();
    try {
      await session.query('select pg_advisory_lock($1)', [BOSS_START_LOCK]);
      await fn();
    } finally {
      await session.query('select pg_advisory_unlock($1)', [BOSS_START_LOCK]).catch(() => undefined);
      session.release();
    }
  };
  const listeners = new Set<(name: string) => void>();
  const announce = (name: string) => {
    for (const l of listeners) l(name);
  };
  const notify = async (name: string, tx?: Db) => {
    if (tx) await tx.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${name})`);
    else await database.query('select pg_notify($1, $2)', [JOBS_CHANNEL, name]);
  };

  return {
    start: () => oneAtATime(() => boss.start()),
    async stop() {
      await boss.stop({ graceful: false, close: false, timeout: 1000 });
    },
    createQueue: (name: string, settings: QueueSettings) => oneAtATime(async () => {
      const queue = {
        retryLimit: settings.retryLimit,
        retryDelay: settings.retryDelaySeconds,
        retryBackoff: true,
        retryDelayMax: 300,
        heartbeatSeconds: settings.heartbeatSeconds,
        expireInSeconds: 24 * 3600,
      };
      if (await boss.getQueue(name)) await boss.updateQueue(name, queue);
      else await boss.createQueue(name, queue);
      // Loads pg-boss's queue cache now, outside any transaction: a send inside a transaction must not
      // look the queue up on the main connection (on PGlite, one connection, that would wait forever).
      await boss.insert(name, []);
    }),
    async send<T extends object>(name: string, jobs: readonly NewJob<T>[], tx?: Db) {
      if (jobs.length === 0) return;
      await boss.insert(name, jobs.map((j) => ({ id: j.id, data: j.data, ...(j.startAfterSeconds ? { startAfter: j.startAfterSeconds } : {}) })), tx ? { db: bossOf(tx) } : undefined);
      await notify(name, tx);
      if (!tx) announce(name);
    },
    async fetch<T>(name: string, max: number): Promise<QueuedJob<T>[]> {
      if (max <= 0) return [];
      const jobs = await boss.fetch<T>(name, { batchSize: max });
      return jobs.map((j) => ({ id: j.id, data: j.data, retryCount: j.retryCount }));
    },
    async complete(name, jobs) {
      if (jobs.length) await boss.complete(name, jobs.map((j) => ({ id: j.id, retryCount: j.retryCount })));
    },
    async fail(name, job, error) {
      const message = error instanceof Error ? error.message : String(error);
      await boss.fail(name, { id: job.id, retryCount: job.retryCount }, { message });
    },
    async cancel(name, ids, tx) {
      if (ids.length) await boss.cancel(name, [...ids], tx ? { db: bossOf(tx) } : undefined);
    },
    async touch(name, ids) {
      if (ids.length) await boss.touch(name, [...ids]);
    },
    onSent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
