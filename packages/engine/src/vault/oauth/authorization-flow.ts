import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import * as client from 'openid-client';
import { oauthStates, users } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit, type AuditActor } from '../../audit/append-audit.ts';
import type { Actor } from '../../lib/actor.ts';
import type { EngineDeps } from '../../lib/engine-deps.ts';
import { authTypeOf, type AuthConfigStore } from '../auth-config-store.ts';
import { credentialsOf } from '../credential-view.ts';
import type { OAuthConfig } from '../oauth-config.ts';
import { recordUsage } from '../usage.ts';
import type { GrantSettings } from './grant-settings.ts';
import { grantFailure, tokenSetOf } from './grants.ts';
import { endpointOf } from './oauth-endpoint.ts';
import { persistTokens } from './persist-tokens.ts';
import type { TokenCache } from './token-cache.ts';

export const OAUTH_STATE_TTL_MS = 10 * 60_000;
export const CALLBACK_PATH = '/api/integration/oauth/callback';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const verifierAad = (stateId: string) => `oauth_state:${stateId}`;
const stateInvalid = (message: string) => new PatchbayError('OAUTH_STATE_INVALID', { message });

export interface AuthorizationStart {
  readonly authorizationUrl: string;
  /** Set as an HttpOnly cookie by the API: proves at the callback that the same browser started the flow. */
  readonly binding: string;
  readonly expiresAt: Date;
}

export interface CallbackInput {
  /** The callback's query string (code, state, iss, or error). */
  readonly query: URLSearchParams;
  /** The binding cookie sent back by the browser. */
  readonly binding?: string;
  /** A caller that authenticated with a token instead of the cookie (API clients, tests). */
  readonly actor?: Actor;
}

/** OAuth2 authorization code with PKCE (S256): state hashed, bound to the user and browser, single use, expiring. */
export function createAuthorizationFlow(deps: EngineDeps, store: AuthConfigStore, cache: TokenCache, settings: GrantSettings, publicUrl: string | undefined) {
  const { db } = deps.database;
  const redirectUri = () => {
    if (!publicUrl) throw new PatchbayError('PUBLIC_URL_REQUIRED', { message: 'The OAuth callback needs PATCHBAY_PUBLIC_URL to build its redirect URI' });
    // Keeps a path prefix (https://example.com/patchbay) that a reverse proxy may add.
    return `${publicUrl.replace(/\/+$/, '')}${CALLBACK_PATH}`;
  };

  return {
    async start(actor: Actor, id: string, returnTo?: string): Promise<AuthorizationStart> {
      const redirect = redirectUri();
      const row = await store.load(db, actor.organizationId, id);
      if (row.authType !== 'oauth2_authorization_code') throw new PatchbayError('CONFLICT', { message: `Auth type ${row.authType} has no authorization step`, hint: 'Only oauth2_authorization_code configs are authorized in the browser.' });
      const credentials = credentialsOf(authTypeOf(row), await store.reveal(db, actor, row));
      const oauth = row.oauthConfig as OAuthConfig | null;
      const state = client.randomState();
      const verifier = client.randomPKCECodeVerifier();
      const binding = randomBytes(32).toString('base64url');
      const stateId = randomUUID();
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + OAUTH_STATE_TTL_MS);
      await db.transaction(async (tx) => {
        await tx.delete(oauthStates).where(lt(oauthStates.expiresAt, now));
        const codeVerifierCiphertext = await store.sealText(tx, row, verifierAad(stateId), verifier);
        await tx.insert(oauthStates).values({ id: stateId, stateHash: sha256(state), organizationId: row.organizationId, authConfigId: id, userId: actor.userId ?? null, bindingHash: sha256(binding), codeVerifierCiphertext, redirectUri: redirect, returnTo: returnTo ?? null, createdAt: now, expiresAt });
        await recordUsage(tx, deps.clock, actor, row.organizationId, id, { operation: 'authorize' });
        await appendAudit(tx, deps.clock, actor, { action: 'auth_config.authorization_started', targetType: 'auth_config', targetId: id, details: { expires_at: expiresAt.toISOString() } });
      });
      const scopes = credentials.list('scopes').join(' ');
      const url = client.buildAuthorizationUrl(endpointOf(credentials, oauth, settings), {
        ...oauth?.authorize_params,
        redirect_uri: redirect,
        state,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        ...(scopes ? { scope: scopes } : {}),
      });
      return { authorizationUrl: url.href, binding, expiresAt };
    },

    /** Completes the flow: exchanges the code (with the PKCE verifier) and seals the refresh token. */
    async callback(input: CallbackInput): Promise<{ authConfigId: string; returnTo: string | null }> {
      const state = input.query.get('state');
      if (!state) throw stateInvalid('The callback has no state parameter');
      // Consumed first: a state is good for one attempt, whatever happens next.
      const [pending] = await db.delete(oauthStates).where(eq(oauthStates.stateHash, sha256(state))).returning();
      if (!pending) throw stateInvalid('The state is unknown or was already used');
      if (pending.expiresAt.getTime() <= deps.clock.now().getTime()) throw stateInvalid('The authorization took longer than 10 minutes; start it again');
      const boundByCookie = input.binding !== undefined && sha256(input.binding) === pending.bindingHash;
      const boundByToken = input.actor !== undefined && input.actor.organizationId === pending.organizationId && input.actor.userId === pending.userId;
      if (!boundByCookie && !boundByToken) throw stateInvalid('This authorization was started by another user or browser');
      const [user] = pending.userId ? await db.select({ email: users.email }).from(users).where(eq(users.id, pending.userId)) : [];
      const actor: AuditActor = { type: 'user', organizationId: pending.organizationId, userId: pending.userId ?? undefined, label: user?.email ?? 'oauth-callback' };
      const row = await store.load(db, pending.organizationId, pending.authConfigId);
      const values = await store.reveal(db, actor, row);
      const credentials = credentialsOf(authTypeOf(row), values);
      const oauth = row.oauthConfig as OAuthConfig | null;
      const verifier = await store.openText(db, actor, row, verifierAad(pending.id), pending.codeVerifierCiphertext);
      const current = new URL(pending.redirectUri);
      current.search = input.query.toString();
      try {
        const response = await client.authorizationCodeGrant(endpointOf(credentials, oauth, settings), current, { pkceCodeVerifier: verifier, expectedState: state });
        const tokens = tokenSetOf(response, deps.clock, oauth);
        await db.transaction(async (tx) => {
          await persistTokens(deps, store, cache, tx, row, values, '', tokens);
          await appendAudit(tx, deps.clock, actor, { action: 'auth_config.authorized', targetType: 'auth_config', targetId: row.id, details: { refresh_token: tokens.refreshToken ? 'issued' : 'none', scope: tokens.scope ?? null } });
        });
      } catch (error) {
        if (error instanceof client.AuthorizationResponseError) {
          throw new PatchbayError('VENDOR_AUTH_FAILED', { message: `The authorization server refused: ${error.error}${error.error_description ? ` (${error.error_description.slice(0, 200)})` : ''}` });
        }
        throw grantFailure(error).error;
      }
      return { authConfigId: row.id, returnTo: pending.returnTo };
    },
  };
}

export type AuthorizationFlow = ReturnType<typeof createAuthorizationFlow>;
