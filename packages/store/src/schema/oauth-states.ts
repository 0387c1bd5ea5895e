import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authConfigs } from './auth-configs.ts';

/**
 * Pending authorization-code flows: the state is stored hashed, bound to the user who started it and to
 * the browser (a cookie's hash), expires in minutes, and is deleted when used. The PKCE verifier is
 * encrypted under the config's data key.
 */
export const oauthStates = pgTable(
  'oauth_states',
  {
    id: uuid('id').primaryKey(),
    stateHash: text('state_hash').notNull().unique(),
    organizationId: uuid('organization_id').notNull(),
    authConfigId: uuid('auth_config_id')
      .notNull()
      .references(() => authConfigs.id, { onDelete: 'cascade' }),
    userId: uuid('user_id'),
    bindingHash: text('binding_hash').notNull(),
    codeVerifierCiphertext: text('code_verifier_ciphertext').notNull(),
    redirectUri: text('redirect_uri').notNull(),
    returnTo: text('return_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oauth_states_expires_idx').on(t.expiresAt)],
);
