import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { eventSubscriptions } from './event-subscriptions.ts';
import { integrationInstances } from './integration-instances.ts';

export const scheduleTypes = ['interval', 'cron', 'event'] as const;
export type ScheduleType = (typeof scheduleTypes)[number];

/**
 * SyncSchedule: when an instance (or one of its streams) syncs. Interval and cron schedules are fired by
 * Patchbay's own scheduler from `next_execution`; event schedules are fired by the event subscription
 * (action `sync`) they own, so there is one mechanism for event-triggered syncs.
 */
export const syncSchedules = pgTable(
  'sync_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    /** One stream, or null for every stream of the instance. */
    stream: text('stream'),
    scheduleType: text('schedule_type').$type<ScheduleType>().notNull(),
    intervalMinutes: integer('interval_minutes'),
    cronExpression: text('cron_expression'),
    /** IANA time zone the cron expression is read in. */
    timezone: text('timezone').notNull().default('UTC'),
    /** Event type (or `prefix.*` pattern) that fires an event schedule. */
    eventTrigger: text('event_trigger'),
    /** The event subscription an event schedule fires through. */
    subscriptionId: uuid('subscription_id').references(() => eventSubscriptions.id, { onDelete: 'set null' }),
    isActive: boolean('is_active').notNull().default(true),
    lastExecution: timestamp('last_execution', { withTimezone: true }),
    nextExecution: timestamp('next_execution', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('sync_schedules_due_idx').on(t.nextExecution).where(sql`is_active and next_execution is not null`),
    index('sync_schedules_instance_idx').on(t.instanceId),
    index('sync_schedules_org_idx').on(t.organizationId, t.createdAt),
    index('sync_schedules_subscription_idx').on(t.subscriptionId),
    check(
      'sync_schedules_kind_ck',
      sql`(schedule_type = 'interval' and interval_minutes >= 1) or (schedule_type = 'cron' and cron_expression is not null) or (schedule_type = 'event' and event_trigger is not null)`,
    ),
  ],
);
