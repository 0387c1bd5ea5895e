import { and, eq, isNull } from 'drizzle-orm';
import { apiTokens, users } from '@patchbay/store';
import { PatchbayError, isRole } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { hashToken, displayPrefix } from './token-format.ts';

/** last_used_at is written at most this often per token, to keep reads cheap. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface RequestOrigin {
  readonly requestId?: string;
  readonly sourceIp?: string;
}

/**
 * Resolves a bearer token to an actor. Every failure is a security event in the audit log and the same
 * 401 to the caller, except expiry and revocation, which say so (the caller holds the token already).
 */
export function createAuthenticator(deps: EngineDeps) {
  const { db } = deps.database;

  async function fail(origin: RequestOrigin, reason: string, code: 'UNAUTHENTICATED' | 'TOKEN_EXPIRED' | 'TOKEN_REVOKED', token?: string, organizationId: string | null = null): Promise<never> {
    await db.transaction((tx) =>
      appendAudit(tx, deps.clock, { type: 'anonymous', label: token ? displayPrefix(token) : 'anonymous', organizationId, ...origin }, {
        action: 'auth.failed',
        outcome: 'failure',
        details: { reason },
      }),
    );
    throw new PatchbayError(code, { hint: 'Send `Authorization: Bearer <token>` with a valid, unexpired API token.' });
  }

  return async function authenticate(header: string | undefined, origin: RequestOrigin): Promise<Actor> {
    const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
    if (!match) return fail(origin, header ? 'malformed authorization header' : 'missing authorization header', 'UNAUTHENTICATED');
    const token = match[1]!;
    const [row] = await db
      .select({ token: apiTokens, user: users })
      .from(apiTokens)
      .innerJoin(users, eq(users.id, apiTokens.userId))
      .where(eq(apiTokens.tokenHash, hashToken(token)));
    if (!row) return fail(origin, 'unknown token', 'UNAUTHENTICATED', token);
    const now = deps.clock.now();
    if (row.token.revokedAt) return fail(origin, 'revoked token', 'TOKEN_REVOKED', token, row.token.organizationId);
    if (row.token.expiresAt && row.token.expiresAt <= now) return fail(origin, 'expired token', 'TOKEN_EXPIRED', token, row.token.organizationId);
    if (row.user.disabledAt) return fail(origin, 'disabled user', 'UNAUTHENTICATED', token, row.token.organizationId);
    if (!isRole(row.token.role)) return fail(origin, 'token with an unknown role', 'UNAUTHENTICATED', token, row.token.organizationId);
    if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(and(eq(apiTokens.id, row.token.id), isNull(apiTokens.revokedAt)));
    }
    return {
      type: 'user',
      organizationId: row.token.organizationId,
      role: row.token.role,
      userId: row.user.id,
      tokenId: row.token.id,
      label: `${row.user.email} (${row.token.prefix})`,
      ...origin,
    };
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;
