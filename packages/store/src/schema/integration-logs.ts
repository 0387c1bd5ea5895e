import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

export const logLevels = ['info', 'warning', 'error', 'success'] as const;
export type LogLevel = (typeof logLevels)[number];

/**
 * IntegrationLog: what happened to an integration, for people (sync started and finished, connection
 * tests, activation, health changes, stale streams). Messages and details come from PatchbayError
 * messages and counters, never from credentials. `instance_id` has no foreign key on purpose: an
 * instance's log outlives the instance until retention prunes it.
 */
export const integrationLogs = pgTable(
  'integration_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    instanceId: uuid('instance_id'),
    level: text('level').$type<LogLevel>().notNull(),
    /** What was being done: `sync`, `connection_test`, `instance.activate`, `health`, `freshness`... */
    operation: text('operation').notNull(),
    message: text('message').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    userId: uuid('user_id'),
    /** The sync execution the entry belongs to, when there is one. */
    syncId: uuid('sync_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('integration_logs_org_time_idx').on(t.organizationId, t.occurredAt, t.id),
    index('integration_logs_instance_time_idx').on(t.instanceId, t.occurredAt),
    index('integration_logs_sync_idx').on(t.syncId),
    index('integration_logs_time_idx').on(t.occurredAt),
  ],
);
