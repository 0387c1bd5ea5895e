import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Records that failed mapping or OCSF validation: counted, kept with the reason, never dropped silently. */
export const rejectedRecords = pgTable(
  'rejected_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    instanceId: uuid('instance_id').notNull(),
    stream: text('stream').notNull(),
    syncExecutionId: uuid('sync_execution_id'),
    externalId: text('external_id'),
    /** `invalid` (fails OCSF validation) or `failed` (the mapper threw). */
    kind: text('kind').notNull(),
    reason: jsonb('reason').$type<Record<string, unknown>>().notNull(),
    /** The raw payload, size-capped. */
    raw: jsonb('raw'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rejected_instance_idx').on(t.instanceId, t.createdAt)],
);
