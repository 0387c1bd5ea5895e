import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox: events written in the same transaction as the change that caused them.
 * Dispatchers and destinations read it in `seq` order with their own cursors.
 */
export const outbox = pgTable(
  'outbox',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().defaultRandom().unique(),
    organizationId: uuid('organization_id').notNull(),
    /** The source instance, when the event has one (ordering is per source). */
    instanceId: uuid('instance_id'),
    type: text('type').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index('outbox_org_seq_idx').on(t.organizationId, t.seq),
    // Only the compliance metrics read the outbox by type (the previous ones, to compare with): a partial index
    // costs nothing on the millions of record events a sync writes, where an index on type cost every insert.
    index('outbox_compliance_metrics_idx').on(t.organizationId, t.occurredAt).where(sql`${t.type} = 'compliance.metrics'`),
  ],
);
