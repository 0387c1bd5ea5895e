import { boolean, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations.ts';
import { vaultDataKeys } from './vault-keys.ts';

export const authConfigStatuses = ['active', 'error', 'pending_authorization'] as const;
export type AuthConfigStatus = (typeof authConfigStatuses)[number];

/** What a read may show of the credentials: plain non-secret values, and for secrets only that they are set. */
export type CredentialSummary = Record<string, string | readonly string[] | { readonly set: true; readonly masked: string }>;

/**
 * Authentication configs (seed AuthenticationConfig). The credentials are one AES-256-GCM ciphertext under
 * the row's own data key, with `auth_config:<id>` as associated data; `credential_summary` holds what
 * reads show (non-secret values and masks), so a read never decrypts.
 */
export const authConfigs = pgTable(
  'auth_configs',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    authType: text('auth_type').notNull(),
    dataKeyId: uuid('data_key_id')
      .notNull()
      .references(() => vaultDataKeys.id),
    credentialsCiphertext: text('credentials_ciphertext').notNull(),
    credentialSummary: jsonb('credential_summary').$type<CredentialSummary>().notNull(),
    /** Bumped on every change of the credentials (updates, rotated refresh tokens). */
    credentialsVersion: integer('credentials_version').notNull().default(1),
    oauthConfig: jsonb('oauth_config').$type<Record<string, unknown>>(),
    expiration: timestamp('expiration', { withTimezone: true }),
    expiryNotifiedAt: timestamp('expiry_notified_at', { withTimezone: true }),
    status: text('status').$type<AuthConfigStatus>().notNull().default('active'),
    statusReason: text('status_reason'),
    isSystemAccount: boolean('is_system_account').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    lastUsed: timestamp('last_used', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('auth_configs_org_name_uq').on(t.organizationId, t.name),
    // Target of the instances' (organization_id, auth_config_id) reference: no config crosses organisations.
    unique('auth_configs_org_id_uq').on(t.organizationId, t.id),
  ],
);
