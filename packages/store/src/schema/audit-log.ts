import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained. Each row's hash covers its fields and the previous row's hash, so editing
 * or deleting a row breaks the chain from there on. Rows are never updated or pruned.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().defaultRandom().unique(),
    organizationId: uuid('organization_id'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    requestId: text('request_id'),
    sourceIp: text('source_ip'),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull(),
    outcome: text('outcome').notNull().default('success'),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_org_time_idx').on(t.organizationId, t.occurredAt),
    index('audit_action_idx').on(t.action),
  ],
);
