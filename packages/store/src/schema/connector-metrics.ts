import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { integrationInstances } from './integration-instances.ts';

/**
 * ConnectorMetrics: one row per instance per hour. Columns are sums, so any range adds up exactly;
 * availability, average response time and error rate are derived when read.
 */
export const connectorMetrics = pgTable(
  'connector_metrics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    connectorId: text('connector_id').notNull(),
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    periodEnd: timestamp('period_end', { withTimezone: true }).notNull(),
    /** HTTP attempts to the vendor (retries count). */
    apiCalls: integer('api_calls').notNull().default(0),
    /** Attempts that failed for any reason. */
    apiErrors: integer('api_errors').notNull().default(0),
    /** Attempts the vendor did not serve: no response, timeout or 5xx. */
    unavailableCalls: integer('unavailable_calls').notNull().default(0),
    responseTimeMsTotal: bigint('response_time_ms_total', { mode: 'number' }).notNull().default(0),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    /** Attempts answered 429 by the vendor or held back by the rate limiter. */
    throttlingEvents: integer('throttling_events').notNull().default(0),
    throttledMs: bigint('throttled_ms', { mode: 'number' }).notNull().default(0),
    /** Finished sync executions and connection tests. */
    operations: integer('operations').notNull().default(0),
    failedOperations: integer('failed_operations').notNull().default(0),
    recordsProcessed: bigint('records_processed', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('connector_metrics_instance_period_uq').on(t.instanceId, t.periodStart),
    index('connector_metrics_org_period_idx').on(t.organizationId, t.periodStart),
    index('connector_metrics_period_idx').on(t.periodStart),
  ],
);
