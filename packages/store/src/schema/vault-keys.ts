import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';

export const kekStates = ['active', 'retiring', 'retired'] as const;
export type KekState = (typeof kekStates)[number];

/**
 * Key-encryption keys the vault knows about: ids, states and check values, never the keys themselves
 * (those live in the key provider: the keyring file, PATCHBAY_MASTER_KEY or a KMS). Exactly one is active:
 * new data keys are wrapped with it; `retiring` keys still wrap data keys a rotation has not reached yet.
 */
export const vaultKeks = pgTable(
  'vault_keks',
  {
    id: text('id').primaryKey(),
    /** Which provider holds the key material (`file`, `env`, later a KMS). */
    provider: text('provider').notNull(),
    state: text('state').$type<KekState>().notNull(),
    /** HMAC-SHA-256 of a fixed text under the key: proves a supplied key is this one. Null for KMS keys. */
    checkValue: text('check_value'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('vault_keks_one_active_uq').on(t.state).where(sql`state = 'active'`)],
);

/**
 * One data key per encrypted record (AES-256-GCM), stored only wrapped by a KEK. Deleting the row
 * crypto-shreds whatever the key encrypted, including copies of the ciphertext in backups.
 */
export const vaultDataKeys = pgTable(
  'vault_data_keys',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kekId: text('kek_id')
      .notNull()
      .references(() => vaultKeks.id),
    /** base64(version ‖ nonce ‖ ciphertext ‖ tag); associated data binds it to this id and the KEK id. */
    wrappedKey: text('wrapped_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    rewrappedAt: timestamp('rewrapped_at', { withTimezone: true }),
  },
  (t) => [index('vault_data_keys_kek_idx').on(t.kekId), index('vault_data_keys_org_idx').on(t.organizationId)],
);
