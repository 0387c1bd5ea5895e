import { jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { integrationInstances } from './integration-instances.ts';

/** Where each stream of each instance resumes, written in the same transaction as the page it follows. */
export const streamStates = pgTable(
  'stream_states',
  {
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => integrationInstances.id, { onDelete: 'cascade' }),
    stream: text('stream').notNull(),
    checkpoint: jsonb('checkpoint'),
    /** Start of the full-refresh run in progress: records not seen since are deleted when it completes. */
    runStartedAt: timestamp('run_started_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.instanceId, t.stream] })],
);
