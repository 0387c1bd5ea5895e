import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

/**
 * Who or what decrypted which credential for use, and why: one row per (config, actor, instance,
 * operation) with a count and first/last use. Kept after the config is deleted, for auditors.
 */
export const credentialUsage = pgTable(
  'credential_usage',
  {
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    authConfigId: uuid('auth_config_id').notNull(),
    actorType: text('actor_type').notNull(),
    /** The user or token id, or the system label; '' when none. */
    actorKey: text('actor_key').notNull(),
    actorLabel: text('actor_label').notNull(),
    /** The instance id, or '' when the use was not for an instance (a config test). */
    instanceKey: text('instance_key').notNull(),
    operation: text('operation').notNull(),
    count: integer('count').notNull(),
    firstUsedAt: timestamp('first_used_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'credential_usage_pk', columns: [t.authConfigId, t.actorKey, t.instanceKey, t.operation] }),
    index('credential_usage_org_idx').on(t.organizationId, t.lastUsedAt),
  ],
);
