import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { webhookEndpoints } from './webhook-endpoints.ts';

/** Where each outbox consumer (the event dispatcher) has read up to. */
export const outboxCursors = pgTable('outbox_cursors', {
  consumer: text('consumer').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const messageStatuses = ['pending', 'delivering', 'retrying', 'delivered', 'dead_lettered'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/**
 * One event to deliver to one endpoint (the unit of retry, dead-lettering and replay). `id` is the
 * `webhook-id` receivers deduplicate on; (endpoint, event) is unique so a dispatcher that crashes after
 * fanning out cannot create the message twice. `seq` keeps the original order for replay.
 */
export const webhookMessages = pgTable(
  'webhook_messages',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: text('id').notNull().unique(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id'),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The Standard Webhooks envelope, `{ type, timestamp, data }`, as sent. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<MessageStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** A worker's claim: after a crash the message is due again once this passes. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    deadLetteredAt: timestamp('dead_lettered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_messages_endpoint_event_uq').on(t.endpointId, t.eventId),
    index('webhook_messages_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_messages_endpoint_idx').on(t.endpointId, t.status, t.seq),
  ],
);

/** The delivery log: one row per HTTP attempt. */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    messageId: text('message_id').notNull(),
    endpointId: uuid('endpoint_id').notNull(),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    responseSnippet: text('response_snippet'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('delivery_attempts_message_idx').on(t.messageId, t.attempt), index('delivery_attempts_endpoint_idx').on(t.endpointId, t.attemptedAt)],
);
