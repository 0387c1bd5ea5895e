import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/**
 * The inbound webhook address and secret of an instance: a random URL key, the verification the instance
 * uses (the connector's declaration or its own choice) and the secret sealed with a vault data key.
 */
export const inboundWebhookKeys = pgTable('inbound_webhook_keys', {
  instanceId: uuid('instance_id').primaryKey(),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  key: text('key').notNull().unique(),
  verification: jsonb('verification').$type<Record<string, unknown>>().notNull(),
  ipAllowList: jsonb('ip_allow_list').$type<string[]>().notNull().default([]),
  toleranceSeconds: integer('tolerance_seconds').notNull().default(300),
  dataKeyId: uuid('data_key_id'),
  secretSealed: text('secret_sealed'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  rotatedAt: timestamp('rotated_at', { withTimezone: true }).notNull(),
});

export const inboundStatuses = ['received', 'processed', 'malformed', 'failed'] as const;
export type InboundStatus = (typeof inboundStatuses)[number];

/**
 * Every verified inbound call, stored before the 2xx. A vendor message id is unique per instance, so a
 * replayed delivery is refused. Malformed bodies with a valid signature are kept for inspection.
 */
export const inboundWebhooks = pgTable(
  'inbound_webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    instanceId: uuid('instance_id').notNull(),
    messageId: text('message_id'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    body: text('body').notNull(),
    status: text('status').$type<InboundStatus>().notNull().default('received'),
    error: text('error'),
    sourceIp: text('source_ip'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('inbound_webhooks_message_uq').on(t.instanceId, t.messageId).where(sql`message_id is not null`),
    index('inbound_webhooks_status_idx').on(t.status, t.receivedAt),
    index('inbound_webhooks_instance_idx').on(t.instanceId, t.receivedAt),
  ],
);
