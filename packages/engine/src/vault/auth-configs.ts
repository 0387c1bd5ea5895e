import { randomUUID } from 'node:crypto';
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { authConfigs, integrationInstances, oauthTokens, type AuthConfigStatus, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import { isUniqueViolation } from '../lib/db-errors.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import { authTypeOf, type AuthConfigRecord, type AuthConfigStore } from './auth-config-store.ts';
import type { VaultAuthType } from './auth-types.ts';
import { auditView, summarize } from './credential-view.ts';
import type { DataKeys } from './keys/data-keys.ts';
import { parseOAuthConfig } from './oauth-config.ts';
import { parseAuthType, parseCredentials, type CredentialValues, type ParseOptions } from './parse-credentials.ts';

export type AuthConfigRow = Omit<AuthConfigRecord, 'credentialsCiphertext' | 'dataKeyId'>;

export interface AuthConfigInput {
  readonly name: string;
  readonly authType: string;
  readonly credentials: Record<string, unknown>;
  readonly oauthConfig?: unknown;
  readonly expiration?: Date | null;
  readonly isSystemAccount?: boolean;
}

export interface AuthConfigPatch {
  readonly name?: string;
  readonly authType?: string;
  /** Merged into the stored credentials (same type); `null` removes an optional field. */
  readonly credentials?: Record<string, unknown>;
  readonly oauthConfig?: unknown;
  readonly expiration?: Date | null;
  readonly isSystemAccount?: boolean;
}

export interface AuthConfigFilter extends PageRequest {
  readonly authType?: string;
  readonly status?: AuthConfigStatus;
}

export const toAuthConfigRow = ({ credentialsCiphertext: _c, dataKeyId: _d, ...row }: AuthConfigRecord): AuthConfigRow => row;

const initialStatus = (type: VaultAuthType, values: CredentialValues): AuthConfigStatus =>
  type === 'oauth2_authorization_code' && values.refresh_token === undefined ? 'pending_authorization' : 'active';

function snapshot(row: AuthConfigRecord, values?: CredentialValues) {
  const { name, authType, oauthConfig, expiration, isSystemAccount, credentialsVersion, status } = row;
  return { name, authType, oauthConfig, expiration, isSystemAccount, credentialsVersion, status, credentials: values ? auditView(authTypeOf(row), values) : undefined };
}

/** CRUD for authentication configs; every change is audited in its own transaction, secrets never leave sealed. */
export function createAuthConfigService(deps: EngineDeps, store: AuthConfigStore, dataKeys: DataKeys, parse: ParseOptions, onChanged: (id: string) => void) {
  const { db } = deps.database;
  const uniqueName = (name: string) => (error: unknown): never => {
    if (isUniqueViolation(error)) throw new PatchbayError('ALREADY_EXISTS', { field: 'body.name', message: `An authentication config named ${name} already exists` });
    throw error;
  };

  async function usedBy(tx: Db, row: AuthConfigRecord) {
    return tx.select({ id: integrationInstances.id, name: integrationInstances.name }).from(integrationInstances).where(and(eq(integrationInstances.organizationId, row.organizationId), eq(integrationInstances.authConfigId, row.id)));
  }

  return {
    async create(actor: Actor, input: AuthConfigInput): Promise<AuthConfigRow> {
      const type = parseAuthType(input.authType);
      const values = parseCredentials(type, input.credentials, parse);
      const oauthConfig = parseOAuthConfig(input.oauthConfig);
      const id = randomUUID();
      const now = deps.clock.now();
      return db
        .transaction(async (tx) => {
          const sealed = await store.sealNew(tx, actor.organizationId, id, values);
          const [row] = await tx
            .insert(authConfigs)
            .values({ id, organizationId: actor.organizationId, name: input.name, authType: type, dataKeyId: sealed.dataKeyId, credentialsCiphertext: sealed.ciphertext, credentialSummary: summarize(type, values), oauthConfig, expiration: input.expiration ?? null, status: initialStatus(type, values), isSystemAccount: input.isSystemAccount ?? false, createdBy: actor.userId ?? null, createdAt: now, updatedAt: now })
            .returning();
          await appendAudit(tx, deps.clock, actor, { action: 'auth_config.created', targetType: 'auth_config', targetId: id, after: snapshot(row!, values), details: { auth_type: type, fields: Object.keys(values) } });
          return toAuthConfigRow(row!);
        })
        .catch(uniqueName(input.name));
    },

    async list(actor: Actor, filter: AuthConfigFilter): Promise<Page<AuthConfigRow>> {
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [eq(authConfigs.organizationId, actor.organizationId)];
      if (filter.authType) where.push(eq(authConfigs.authType, filter.authType));
      if (filter.status) where.push(eq(authConfigs.status, filter.status));
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(authConfigs.createdAt, t), and(eq(authConfigs.createdAt, t), lt(authConfigs.id, String(id))))!);
      }
      const rows = await db.select().from(authConfigs).where(and(...where)).orderBy(desc(authConfigs.createdAt), desc(authConfigs.id)).limit(limit + 1);
      return toPage(rows.map(toAuthConfigRow), limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    get: async (actor: Actor, id: string) => toAuthConfigRow(await store.load(db, actor.organizationId, id)),

    async update(actor: Actor, id: string, patch: AuthConfigPatch): Promise<AuthConfigRow> {
      const oauthConfig = patch.oauthConfig === undefined ? undefined : parseOAuthConfig(patch.oauthConfig);
      const result = await db
        .transaction(async (tx) => {
          const before = await store.load(tx, actor.organizationId, id, true);
          const changed = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
          const set: Partial<AuthConfigRecord> = { name: patch.name, oauthConfig, expiration: patch.expiration, isSystemAccount: patch.isSystemAccount, updatedAt: deps.clock.now() };
          if (patch.expiration !== undefined) set.expiryNotifiedAt = null;
          let values: CredentialValues | undefined;
          if (patch.credentials !== undefined || patch.authType !== undefined) {
            const type = patch.authType === undefined ? authTypeOf(before) : parseAuthType(patch.authType);
            const base = type === before.authType ? await store.reveal(tx, actor, before) : {};
            const merged: Record<string, unknown> = { ...base, ...patch.credentials };
            for (const [k, v] of Object.entries(merged)) if (v === null) delete merged[k];
            values = parseCredentials(type, merged, parse);
            // A fresh data key for the new values; the old one is destroyed, shredding the old secrets.
            const sealed = await store.sealNew(tx, actor.organizationId, id, values);
            Object.assign(set, { authType: type, dataKeyId: sealed.dataKeyId, credentialsCiphertext: sealed.ciphertext, credentialSummary: summarize(type, values), credentialsVersion: before.credentialsVersion + 1, status: initialStatus(type, values), statusReason: null });
            changed.push(...Object.keys(patch.credentials ?? {}).map((k) => `credentials.${k}`));
          }
          const [row] = await tx.update(authConfigs).set(set).where(eq(authConfigs.id, id)).returning();
          if (values) {
            await tx.delete(oauthTokens).where(eq(oauthTokens.authConfigId, id));
            await dataKeys.destroy(tx, before.dataKeyId);
          }
          await appendAudit(tx, deps.clock, actor, { action: 'auth_config.updated', targetType: 'auth_config', targetId: id, before: snapshot(before), after: snapshot(row!, values), details: { changed } });
          return toAuthConfigRow(row!);
        })
        .catch(uniqueName(patch.name ?? ''));
      onChanged(id);
      return result;
    },

    /** Deletes the config and destroys its data key (crypto-shredding); refused while instances use it. */
    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await store.load(tx, actor.organizationId, id, true);
        const users = await usedBy(tx, before);
        if (users.length > 0) {
          throw new PatchbayError('AUTH_CONFIG_IN_USE', { message: `Used by ${users.length} instance(s): ${users.slice(0, 5).map((u) => u.name).join(', ')}`, details: { instance_ids: users.map((u) => u.id) } });
        }
        await tx.delete(authConfigs).where(eq(authConfigs.id, id));
        await dataKeys.destroy(tx, before.dataKeyId);
        await appendAudit(tx, deps.clock, actor, { action: 'auth_config.deleted', targetType: 'auth_config', targetId: id, before: snapshot(before), details: { data_key_destroyed: before.dataKeyId } });
      });
      onChanged(id);
    },
  };
}

export type AuthConfigService = ReturnType<typeof createAuthConfigService>;
