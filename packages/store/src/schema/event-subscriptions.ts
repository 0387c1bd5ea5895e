import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

export const subscriptionActionTypes = ['webhook', 'sync', 'action'] as const;
export type SubscriptionActionType = (typeof subscriptionActionTypes)[number];

/**
 * EventSubscription: which events (type pattern, source instance, filter criteria) lead to which action
 * (an outgoing webhook to an endpoint, a sync of an instance, later a connector action).
 */
export const eventSubscriptions = pgTable(
  'event_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default(''),
    /** The source instance the subscription listens to; null for every source. */
    instanceId: uuid('instance_id'),
    /** An event type, or a pattern: `record.*`, `*`. */
    eventType: text('event_type').notNull(),
    filterCriteria: jsonb('filter_criteria').$type<Record<string, unknown>>().notNull().default({}),
    actionType: text('action_type').$type<SubscriptionActionType>().notNull(),
    actionConfig: jsonb('action_config').$type<Record<string, unknown>>().notNull().default({}),
    isActive: boolean('is_active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('event_subscriptions_org_idx').on(t.organizationId, t.isActive)],
);
