import { and, eq } from 'drizzle-orm';
import { authConfigs, type Db } from '@patchbay/store';
import { PatchbayError, isPatchbayError } from '@patchbay/types';
import { appendAudit, type AuditActor } from '../audit/append-audit.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { VaultAuthType } from './auth-types.ts';
import { open, seal } from './crypto/aead.ts';
import type { DataKeys } from './keys/data-keys.ts';
import type { CredentialValues } from './parse-credentials.ts';

export type AuthConfigRecord = typeof authConfigs.$inferSelect;

export const credentialsAad = (id: string) => `auth_config:${id}`;

/**
 * The encrypted side of auth configs: loading rows, sealing and opening credentials and the other
 * secrets tied to a config (cached tokens, PKCE verifiers) under the config's own data key.
 * A failed decryption is a security event in the audit log.
 */
export function createAuthConfigStore(deps: EngineDeps, dataKeys: DataKeys) {
  async function securityEvent(actor: AuditActor, row: AuthConfigRecord, aad: string, error: unknown): Promise<void> {
    const reason = isPatchbayError(error) ? String(error.details?.reason ?? error.message) : 'unknown';
    await deps.database.db.transaction((tx) =>
      appendAudit(tx, deps.clock, actor, { action: 'vault.decrypt_failed', outcome: 'failure', targetType: 'auth_config', targetId: row.id, details: { purpose: aad.split(':')[0], reason } }),
    );
    deps.log.warn({ auth_config_id: row.id, purpose: aad.split(':')[0], reason }, 'vault decryption failed');
  }

  async function openText(handle: Db, actor: AuditActor, row: AuthConfigRecord, aad: string, sealed: string): Promise<string> {
    try {
      return open(await dataKeys.unwrap(handle, row.dataKeyId), sealed, aad).toString('utf8');
    } catch (error) {
      if (isPatchbayError(error) && error.code === 'VAULT_DECRYPT_FAILED') await securityEvent(actor, row, aad, error);
      throw error;
    }
  }

  return {
    async load(handle: Db, organizationId: string, id: string, forUpdate = false): Promise<AuthConfigRecord> {
      const query = handle.select().from(authConfigs).where(and(eq(authConfigs.id, id), eq(authConfigs.organizationId, organizationId)));
      const [row] = forUpdate ? await query.for('update') : await query;
      if (!row) throw new PatchbayError('AUTH_CONFIG_NOT_FOUND', { message: `No authentication config ${id}` });
      return row;
    },

    /** Decrypts the credentials. Callers record why (usage) or are internal (update merges). */
    async reveal(handle: Db, actor: AuditActor, row: AuthConfigRecord): Promise<CredentialValues> {
      return JSON.parse(await openText(handle, actor, row, credentialsAad(row.id), row.credentialsCiphertext)) as CredentialValues;
    },

    /** Seals credentials for a record under a fresh data key (create, and updates that change credentials). */
    async sealNew(tx: Db, organizationId: string, id: string, values: CredentialValues): Promise<{ dataKeyId: string; ciphertext: string }> {
      const { id: dataKeyId, key } = await dataKeys.create(tx, organizationId);
      return { dataKeyId, ciphertext: seal(key, Buffer.from(JSON.stringify(values)), credentialsAad(id)) };
    },

    /** Seals new credential values under the record's existing data key (a rotated refresh token). */
    async reseal(handle: Db, row: AuthConfigRecord, values: CredentialValues): Promise<string> {
      return seal(await dataKeys.unwrap(handle, row.dataKeyId), Buffer.from(JSON.stringify(values)), credentialsAad(row.id));
    },

    /** Another secret tied to the config (a cached token, a PKCE verifier), with its own associated data. */
    async sealText(handle: Db, row: AuthConfigRecord, aad: string, text: string): Promise<string> {
      return seal(await dataKeys.unwrap(handle, row.dataKeyId), Buffer.from(text, 'utf8'), aad);
    },

    openText,
  };
}

export type AuthConfigStore = ReturnType<typeof createAuthConfigStore>;

export const authTypeOf = (row: AuthConfigRecord) => row.authType as VaultAuthType;
