import { eq, sql } from 'drizzle-orm';
import { authConfigs, type Db } from '@patchbay/store';
import type { EngineDeps } from '../../lib/engine-deps.ts';
import { authTypeOf, type AuthConfigRecord, type AuthConfigStore } from '../auth-config-store.ts';
import { summarize } from '../credential-view.ts';
import type { CredentialValues } from '../parse-credentials.ts';
import type { TokenCache } from './token-cache.ts';
import type { TokenSet } from './token-set.ts';

/**
 * Stores a token response in one transaction: the access token in the shared cache and, when the server
 * rotated it, the new refresh token in the sealed credentials. A crash never keeps one without the other.
 */
export async function persistTokens(deps: EngineDeps, store: AuthConfigStore, cache: TokenCache, handle: Db, row: AuthConfigRecord, values: CredentialValues, audience: string, tokens: TokenSet): Promise<{ rotated: boolean }> {
  return handle.transaction(async (tx) => {
    await cache.write(tx, row, audience, tokens);
    const refresh = tokens.refreshToken?.reveal();
    const rotated = refresh !== undefined && refresh !== values.refresh_token && row.authType === 'oauth2_authorization_code';
    const set: Partial<AuthConfigRecord> = {};
    if (rotated) {
      const next = { ...values, refresh_token: refresh };
      Object.assign(set, { credentialsCiphertext: await store.reseal(tx, row, next), credentialSummary: summarize(authTypeOf(row), next), credentialsVersion: sql`${authConfigs.credentialsVersion} + 1` });
    }
    if (row.status !== 'active') Object.assign(set, { status: 'active', statusReason: null });
    if (Object.keys(set).length > 0) await tx.update(authConfigs).set({ ...set, updatedAt: deps.clock.now() }).where(eq(authConfigs.id, row.id));
    return { rotated };
  });
}
