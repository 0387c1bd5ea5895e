import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { integrationInstances, type InstanceStatus } from './integration-instances.ts';

export const healthStates = ['unknown', 'healthy', 'degraded', 'unhealthy'] as const;
export type HealthState = (typeof healthStates)[number];

/** The error that made an operation fail, as stored and shown: no secrets, only code, kind and message. */
export interface HealthError {
  readonly code: string;
  readonly kind: string;
  readonly message: string;
  readonly operation: string;
  readonly sync_id: string | null;
  readonly at: string;
}

/** Health per instance, updated in the transaction that records each finished operation. */
export const instanceHealth = pgTable(
  'instance_health',
  {
    instanceId: uuid('instance_id')
      .primaryKey()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull(),
    state: text('state').$type<HealthState>().notNull().default('unknown'),
    /** Why the state is what it is: `consecutive_failures`, `recent_failure`, `stale_streams`, `throttled`. */
    reasons: jsonb('reasons').$type<string[]>().notNull().default([]),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastError: jsonb('last_error').$type<HealthError | null>(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }),
    /** The latest sync saw the vendor answer 429. */
    rateLimited: boolean('rate_limited').notNull().default(false),
    /** The instance status health replaced with `error`; restored when the instance recovers. */
    statusBeforeUnhealthy: text('status_before_unhealthy').$type<InstanceStatus>(),
    stateChangedAt: timestamp('state_changed_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('instance_health_org_idx').on(t.organizationId)],
);

/** Streams currently past twice their interval: one row per staleness episode, removed on the next success. */
export const streamStaleness = pgTable(
  'stream_staleness',
  {
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    stream: text('stream').notNull(),
    organizationId: uuid('organization_id').notNull(),
    staleSince: timestamp('stale_since', { withTimezone: true }).notNull(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    intervalMinutes: integer('interval_minutes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.instanceId, t.stream] })],
);
