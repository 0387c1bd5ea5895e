import { and, eq } from 'drizzle-orm';
import { oauthTokens, type Db } from '@patchbay/store';
import { Secret } from '@patchbay/types';
import type { AuditActor } from '../../audit/append-audit.ts';
import type { AuthConfigRecord, AuthConfigStore } from '../auth-config-store.ts';
import type { TokenSet } from './token-set.ts';

export interface CachedToken {
  readonly token: Secret;
  readonly obtainedAt: Date;
  readonly expiresAt: Date;
}

export const tokenAad = (authConfigId: string, audience: string) => `oauth_token:${authConfigId}:${audience}`;

/** The shared token cache in the database: one encrypted access token per (config, audience). */
export function createTokenCache(store: AuthConfigStore) {
  return {
    async read(handle: Db, actor: AuditActor, row: AuthConfigRecord, audience: string): Promise<CachedToken | undefined> {
      const [cached] = await handle.select().from(oauthTokens).where(and(eq(oauthTokens.authConfigId, row.id), eq(oauthTokens.audience, audience)));
      if (!cached) return undefined;
      const token = new Secret(await store.openText(handle, actor, row, tokenAad(row.id, audience), cached.accessTokenCiphertext));
      return { token, obtainedAt: cached.obtainedAt, expiresAt: cached.expiresAt };
    },

    async write(handle: Db, row: AuthConfigRecord, audience: string, tokens: TokenSet): Promise<void> {
      const values = {
        accessTokenCiphertext: await store.sealText(handle, row, tokenAad(row.id, audience), tokens.accessToken.reveal()),
        tokenType: tokens.tokenType,
        scope: tokens.scope ?? null,
        obtainedAt: tokens.obtainedAt,
        expiresAt: tokens.expiresAt,
      };
      await handle
        .insert(oauthTokens)
        .values({ authConfigId: row.id, audience, organizationId: row.organizationId, ...values })
        .onConflictDoUpdate({ target: [oauthTokens.authConfigId, oauthTokens.audience], set: values });
    },
  };
}

export type TokenCache = ReturnType<typeof createTokenCache>;
