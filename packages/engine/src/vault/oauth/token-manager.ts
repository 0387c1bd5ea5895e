import { PatchbayError, type Secret } from '@patchbay/types';
import type { AuditActor } from '../../audit/append-audit.ts';
import type { EngineDeps } from '../../lib/engine-deps.ts';
import { authTypeOf, type AuthConfigStore } from '../auth-config-store.ts';
import { tokenAuthTypes } from '../auth-types.ts';
import { credentialsOf } from '../credential-view.ts';
import type { OAuthConfig } from '../oauth-config.ts';
import { recordUsage } from '../usage.ts';
import type { GrantSettings } from './grant-settings.ts';
import { grantFailure, requestToken } from './grants.ts';
import { persistTokens } from './persist-tokens.ts';
import { markRefreshFailed } from './refresh-outcome.ts';
import { refreshLockFor } from './refresh-lock.ts';
import { createSingleFlight } from './single-flight.ts';
import type { CachedToken, TokenCache } from './token-cache.ts';

export interface TokenOptions {
  /** '' or absent: the config's default audience. */
  readonly audience?: string;
  /** The vendor refused the current token: get a newer one than this process holds. */
  readonly forceRefresh?: boolean;
  /** Manual refresh and tests: try even when the config is in error (automatic callers fail fast). */
  readonly retryFailed?: boolean;
  /** Manual refresh and tests: always ask the token endpoint. */
  readonly requireNew?: boolean;
  /**
   * How the connector says its vendor wants the client secret (CrowdStrike: in the form), used when the
   * config's `oauth_config.client_auth` does not say.
   */
  readonly declaredClientAuth?: 'basic' | 'post';
}

interface Memo extends CachedToken {
  readonly organizationId: string;
  readonly refreshAt: number;
}

export interface TokenStats {
  memoryHits: number;
  databaseHits: number;
  requests: number;
}

const MAX_MARGIN_MS = 5 * 60_000;

/**
 * Access tokens for OAuth2 configs, refreshed before they expire. Per process: a memory cache and a
 * single-flight per (config, audience); across processes: the encrypted token cache in the database and,
 * on PostgreSQL, an advisory lock, so one token request serves every worker.
 */
export function createTokenManager(deps: EngineDeps, store: AuthConfigStore, cache: TokenCache, settings: GrantSettings) {
  const { db } = deps.database;
  const memo = new Map<string, Memo>();
  const flights = createSingleFlight();
  const lock = refreshLockFor(deps.database);
  const stats: TokenStats = { memoryHits: 0, databaseHits: 0, requests: 0 };

  const refreshAt = (t: CachedToken, oauth: OAuthConfig | null): number => {
    const margin = oauth?.refresh_margin_seconds !== undefined ? oauth.refresh_margin_seconds * 1000 : Math.min(MAX_MARGIN_MS, (t.expiresAt.getTime() - t.obtainedAt.getTime()) / 2);
    return t.expiresAt.getTime() - margin;
  };

  async function fetchToken(actor: AuditActor, organizationId: string, id: string, audience: string, options: TokenOptions, seen: number): Promise<CachedToken> {
    const row = await store.load(db, organizationId, id);
    const type = authTypeOf(row);
    if (!tokenAuthTypes.has(type)) throw new PatchbayError('CREDENTIAL_NOT_REFRESHABLE', { message: `Auth type ${type} does not use access tokens` });
    if (row.status === 'error' && !options.retryFailed) {
      throw new PatchbayError('CREDENTIAL_REFRESH_FAILED', { message: `Authentication config "${row.name}" is in error: ${row.statusReason ?? 'a refresh failed'}`, hint: 'Fix the credential (PUT), then POST .../refresh.' });
    }
    const oauth = row.oauthConfig as OAuthConfig | null;
    const key = `${id}\u0000${audience}`;
    const usable = (t: CachedToken | undefined): t is CachedToken => t !== undefined && !options.requireNew && deps.clock.now().getTime() < refreshAt(t, oauth) && (!options.forceRefresh || t.obtainedAt.getTime() > seen);
    const remember = (t: CachedToken): CachedToken => {
      memo.set(key, { ...t, organizationId, refreshAt: refreshAt(t, oauth) });
      return t;
    };

    const cached = await cache.read(db, actor, row, audience);
    if (usable(cached)) {
      stats.databaseHits++;
      return remember(cached);
    }
    const outcome = await lock(`${id}:${audience}`, async (handle): Promise<{ token: CachedToken } | { error: PatchbayError; definitive: boolean }> => {
      // Read again under the lock: another process may have refreshed, or rotated the refresh token.
      const current = await store.load(handle, organizationId, id);
      const again = await cache.read(handle, actor, current, audience);
      if (usable(again)) {
        stats.databaseHits++;
        return { token: again };
      }
      const values = await store.reveal(handle, actor, current);
      try {
        stats.requests++;
        const withDeclared = options.declaredClientAuth && !oauth?.client_auth ? { ...oauth, client_auth: options.declaredClientAuth } : oauth;
        const tokens = await requestToken(credentialsOf(type, values), withDeclared as OAuthConfig | null, audience, settings, deps.clock);
        await persistTokens(deps, store, cache, handle, current, values, audience, tokens);
        await recordUsage(handle, deps.clock, actor, organizationId, id, { operation: 'token_request' });
        return { token: { token: tokens.accessToken, obtainedAt: tokens.obtainedAt, expiresAt: tokens.expiresAt } };
      } catch (error) {
        const failure = grantFailure(error);
        if (failure.definitive) await markRefreshFailed(deps, handle, actor, current, failure.error.message);
        return { error: failure.error, definitive: failure.definitive };
      }
    });
    if ('error' in outcome) {
      // The config is now in error: this process stops handing out its tokens too.
      if (outcome.definitive) invalidate(id);
      throw outcome.error;
    }
    return remember(outcome.token);
  }

  /** Forgets this process's tokens for a config (its credentials changed, it was deleted, or it failed). */
  function invalidate(id: string): void {
    for (const key of [...memo.keys()]) if (key.startsWith(`${id}\u0000`)) memo.delete(key);
  }

  async function tokenEntry(actor: AuditActor, organizationId: string, id: string, options: TokenOptions = {}): Promise<CachedToken> {
    const audience = options.audience ?? '';
    const held = memo.get(`${id}\u0000${audience}`);
    const forced = options.forceRefresh === true || options.requireNew === true;
    if (!forced && held && held.organizationId === organizationId && deps.clock.now().getTime() < held.refreshAt) {
      stats.memoryHits++;
      return held;
    }
    const seen = held?.obtainedAt.getTime() ?? 0;
    const mode = options.requireNew ? 'new' : forced ? 'force' : '';
    return flights.run(`${id}\u0000${audience}\u0000${mode}`, () => fetchToken(actor, organizationId, id, audience, options, seen));
  }

  return {
    /** The access token to send now (from memory, the shared cache, or one token request for everyone). */
    getToken: async (actor: AuditActor, organizationId: string, id: string, options: TokenOptions = {}): Promise<Secret> => (await tokenEntry(actor, organizationId, id, options)).token,
    /** The same, with the token's times (manual refresh and tests report them). */
    tokenEntry,

    invalidate,

    stats: (): Readonly<TokenStats> => ({ ...stats }),
  };
}

export type TokenManager = ReturnType<typeof createTokenManager>;
