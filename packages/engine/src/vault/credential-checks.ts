import { PatchbayError, isPatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { authTypeOf, type AuthConfigStore } from './auth-config-store.ts';
import { tokenAuthTypes } from './auth-types.ts';
import { assumeRole } from './aws/assume-role.ts';
import { credentialsOf } from './credential-view.ts';
import type { TokenManager } from './oauth/token-manager.ts';
import { recordUsage } from './usage.ts';

export interface CredentialTestResult {
  readonly ok: boolean;
  readonly message: string;
  /** The error code when not ok (VENDOR_AUTH_FAILED, CREDENTIAL_REFRESH_FAILED, VENDOR_UNAVAILABLE...). */
  readonly code?: string;
  readonly expiresAt?: Date;
}

/**
 * Tests a config with a real call. The engine's connector runtime can supply one that runs the connector's
 * `validate` (EngineOptions.testCredential); without it, configs that prove themselves (a token from the
 * token endpoint, an AssumeRole) are tested here and the rest answer CREDENTIAL_TEST_UNSUPPORTED.
 */
export type CredentialTester = (actor: Actor, authConfigId: string, connectorId?: string) => Promise<CredentialTestResult>;

/** Issues a fresh token (or role session) now, bypassing the caches; used by test and refresh. */
export function createCredentialChecks(deps: EngineDeps, store: AuthConfigStore, tokens: TokenManager) {
  const { db } = deps.database;

  async function renew(actor: Actor, id: string): Promise<{ expiresAt: Date }> {
    const row = await store.load(db, actor.organizationId, id);
    const type = authTypeOf(row);
    if (row.status === 'pending_authorization') throw new PatchbayError('CREDENTIAL_NOT_AUTHORIZED', { message: `Authentication config "${row.name}" has not been authorized yet` });
    if (tokenAuthTypes.has(type)) return tokens.tokenEntry(actor, actor.organizationId, id, { requireNew: true, retryFailed: true });
    const credentials = credentialsOf(type, await store.reveal(db, actor, row));
    if (type === 'aws' && credentials.text('role_arn')) {
      await recordUsage(db, deps.clock, actor, row.organizationId, id, { operation: 'assume_role' });
      return assumeRole(credentials, `patchbay-${id.slice(0, 8)}`, deps.clock);
    }
    throw new PatchbayError('CREDENTIAL_NOT_REFRESHABLE', { message: `Auth type ${type} has nothing to refresh or prove without a connector` });
  }

  const builtInTester: CredentialTester = async (actor, id, connectorId) => {
    try {
      const { expiresAt } = await renew(actor, id);
      return { ok: true, message: 'The credential was accepted: a fresh access token (or role session) was issued', expiresAt };
    } catch (error) {
      if (isPatchbayError(error) && error.code === 'CREDENTIAL_NOT_REFRESHABLE') {
        throw new PatchbayError('CREDENTIAL_TEST_UNSUPPORTED', {
          message: `This auth type is tested through a connector's validate call${connectorId ? ` (${connectorId})` : ''}: attach this config to an instance and use POST /api/integration/instances/{id}/test`,
        });
      }
      if (isPatchbayError(error) && ['auth', 'transient', 'vendor', 'rate_limited'].includes(error.kind)) return { ok: false, code: error.code, message: error.message };
      throw error;
    }
  };

  return {
    builtInTester,
    /** POST .../refresh: a new token now (and the rotated refresh token saved), audited. */
    async refresh(actor: Actor, id: string): Promise<{ expiresAt: Date }> {
      const result = await renew(actor, id);
      await db.transaction((tx) => appendAudit(tx, deps.clock, actor, { action: 'auth_config.refreshed', targetType: 'auth_config', targetId: id, details: { expires_at: result.expiresAt.toISOString() } }));
      return { expiresAt: result.expiresAt };
    },
  };
}
