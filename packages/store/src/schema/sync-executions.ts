import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { integrationInstances } from './integration-instances.ts';

export const syncStatuses = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type SyncStatus = (typeof syncStatuses)[number];
export const syncTriggers = ['scheduled', 'manual', 'event', 'webhook', 'conformance'] as const;
export type SyncTrigger = (typeof syncTriggers)[number];

export const syncExecutions = pgTable(
  'sync_executions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    stream: text('stream').notNull(),
    scheduleId: uuid('schedule_id'),
    trigger: text('trigger').$type<SyncTrigger>().notNull(),
    status: text('status').$type<SyncStatus>().notNull().default('pending'),
    initiatedBy: uuid('initiated_by'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true }),
    pages: integer('pages').notNull().default(0),
    recordsProcessed: integer('records_processed').notNull().default(0),
    recordsCreated: integer('records_created').notNull().default(0),
    recordsUpdated: integer('records_updated').notNull().default(0),
    recordsUnchanged: integer('records_unchanged').notNull().default(0),
    recordsDeleted: integer('records_deleted').notNull().default(0),
    recordsInvalid: integer('records_invalid').notNull().default(0),
    recordsFailed: integer('records_failed').notNull().default(0),
    errorDetails: jsonb('error_details').$type<Record<string, unknown> | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sync_exec_instance_idx').on(t.instanceId, t.createdAt), index('sync_exec_org_idx').on(t.organizationId, t.createdAt)],
);
