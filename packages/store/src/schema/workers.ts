import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { integrationInstances } from './integration-instances.ts';
import { syncExecutions } from './sync-executions.ts';

/**
 * Every process that runs syncs (a `patchbay worker`, a `serve` with workers, a direct CLI sync). A live
 * one holds a PostgreSQL advisory lock named after its id on a connection of its own, so a process that
 * died (SIGKILL, lost machine) is known dead the moment its connection closes.
 */
export const workers = pgTable(
  'workers',
  {
    id: uuid('id').primaryKey(),
    hostname: text('hostname').notNull(),
    pid: integer('pid').notNull(),
    /** Parallel syncs it runs (0: it only runs syncs it was asked for directly). */
    concurrency: integer('concurrency').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    /** `stopped` (clean shutdown) or `dead` (found dead by another worker). */
    stopReason: text('stop_reason'),
  },
  (t) => [index('workers_running_idx').on(t.stoppedAt)],
);

/**
 * At most one running sync per (instance, stream): the primary key is the guarantee. A lease names the
 * execution and the worker running it; a lease of a dead worker is taken back and its execution requeued.
 */
export const syncLeases = pgTable(
  'sync_leases',
  {
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    stream: text('stream').notNull(),
    executionId: uuid('execution_id')
      .notNull()
      .references(() => syncExecutions.id, { onDelete: 'cascade' }),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    /** The queue job that runs it, when it came from the queue. */
    jobId: text('job_id'),
    acquiredAt: timestamp('acquired_at', { withTimezone: true }).notNull(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.instanceId, t.stream] }), index('sync_leases_worker_idx').on(t.workerId)],
);
