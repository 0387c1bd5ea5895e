import { eq } from 'drizzle-orm';
import { integrationInstances } from '@patchbay/store';
import { Secret } from '@patchbay/types';
import { systemActor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { ProgramCredentials } from '../process/credentials.ts';
import { authTypeOf, type AuthConfigStore } from './auth-config-store.ts';
import { fieldSpec, tokenAuthTypes } from './auth-types.ts';
import type { TokenManager } from './oauth/token-manager.ts';
import { recordUsage } from './usage.ts';

/**
 * Credentials for a process-protocol program (sent on its stdin): the config's fields with secrets as
 * `Secret`, except that token-based configs give an access token from the token manager instead of the
 * client secret, private key or refresh token, which never leave the vault.
 */
export function createProgramCredentials(deps: EngineDeps, store: AuthConfigStore, tokens: TokenManager) {
  const { db } = deps.database;
  return async (instanceId: string, operation: string): Promise<ProgramCredentials | undefined> => {
    const [instance] = await db.select({ organizationId: integrationInstances.organizationId, authConfigId: integrationInstances.authConfigId }).from(integrationInstances).where(eq(integrationInstances.id, instanceId));
    if (!instance?.authConfigId) return undefined;
    const actor = systemActor(instance.organizationId, operation);
    const row = await store.load(db, instance.organizationId, instance.authConfigId);
    const type = authTypeOf(row);
    const values = await store.reveal(db, actor, row);
    await recordUsage(db, deps.clock, actor, row.organizationId, row.id, { operation, instanceId });
    const out: Record<string, string | Secret | readonly string[]> = {};
    for (const [name, value] of Object.entries(values)) {
      const secret = fieldSpec(type, name)?.secret ?? false;
      if (tokenAuthTypes.has(type) && secret) continue;
      out[name] = secret ? new Secret(String(value)) : value;
    }
    if (tokenAuthTypes.has(type)) {
      out.access_token = await tokens.getToken(actor, row.organizationId, row.id);
      out.token_type = 'Bearer';
    }
    return { type, values: out };
  };
}
