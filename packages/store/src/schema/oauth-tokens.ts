import { pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authConfigs } from './auth-configs.ts';

/**
 * Cached OAuth access tokens, one per (config, audience), shared by every process: encrypted under the
 * config's data key with `oauth_token:<config id>:<audience>` as associated data.
 */
export const oauthTokens = pgTable(
  'oauth_tokens',
  {
    authConfigId: uuid('auth_config_id')
      .notNull()
      .references(() => authConfigs.id, { onDelete: 'cascade' }),
    /** '' for the default audience. */
    audience: text('audience').notNull(),
    organizationId: uuid('organization_id').notNull(),
    accessTokenCiphertext: text('access_token_ciphertext').notNull(),
    tokenType: text('token_type').notNull(),
    scope: text('scope'),
    obtainedAt: timestamp('obtained_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ name: 'oauth_tokens_pk', columns: [t.authConfigId, t.audience] })],
);
