import { z } from 'zod';
import { oauthConfigSchema, vaultAuthTypes, type AuthConfigRow, type CredentialTestResult, type KekRow, type UsageRow } from '@patchbay/engine';
import { iso, isoOrNull, toIso } from './common.ts';

export const authType = z.enum(vaultAuthTypes);
export const authConfigStatus = z.enum(['active', 'error', 'pending_authorization']);

const maskedSecret = z.object({ set: z.literal(true), masked: z.string().describe('The last four characters behind dots') });

export const authConfigJson = z.object({
  id: z.uuid(),
  name: z.string(),
  auth_type: authType,
  credentials: z.record(z.string(), z.union([z.string(), z.array(z.string()), maskedSecret])).describe('Non-secret fields as they are; secret fields only as `{ set, masked }`'),
  credentials_version: z.number().int(),
  oauth_config: z.record(z.string(), z.unknown()).nullable(),
  expiration: isoOrNull,
  status: authConfigStatus,
  status_reason: z.string().nullable(),
  is_system_account: z.boolean(),
  created_by: z.uuid().nullable(),
  created_at: iso,
  updated_at: iso,
  last_used: isoOrNull,
});

const credentialsDoc =
  'Fields by auth_type: api_key (api_key, header_name | query_param, prefix?); basic (username, password); bearer (token); ' +
  'client_certificate (certificate_pem, private_key_pem, ca_pem?, passphrase?); aws (access_key_id, secret_access_key, session_token?, role_arn?, external_id?, region?, sts_endpoint?); ' +
  'azure_ad (tenant_id, client_id, client_secret, scopes?, authority_host?); oauth2_client_credentials (client_id, client_secret | private_key_pem (private_key_jwt) with key_id? and algorithm?, token_url, scopes?, audience?, issuer?); ' +
  'oauth2_authorization_code (client_id, client_secret?, authorize_url, token_url, scopes?, audience?, issuer?); jwt_bearer (issuer, private_key_pem, token_url, subject?, client_id?, key_id?, algorithm?, scopes?, audience?).';

export const createAuthConfigBody = z.object({
  name: z.string().trim().min(1).max(200),
  auth_type: authType,
  credentials: z.record(z.string(), z.unknown()).describe(credentialsDoc),
  oauth_config: oauthConfigSchema.nullable().optional(),
  expiration: z.iso.datetime({ offset: true }).nullable().optional().describe('When the credential expires, if known: `credential.expiring` is emitted ahead of it'),
  is_system_account: z.boolean().optional(),
});

export const updateAuthConfigBody = createAuthConfigBody
  .partial()
  .extend({ credentials: z.record(z.string(), z.unknown()).optional().describe('Merged into the stored credentials; `null` removes an optional field. With a new auth_type, all fields.') })
  .strict();

export const authConfigQuery = z.object({ auth_type: authType.optional(), status: authConfigStatus.optional() });

export const testResultJson = z.object({ ok: z.boolean(), message: z.string(), code: z.string().optional(), expires_at: iso.optional() });

export const usageJson = z.object({ actor_type: z.string(), actor_label: z.string(), instance_id: z.uuid().nullable(), operation: z.string(), count: z.number().int(), first_used_at: iso, last_used_at: iso });

export const kekJson = z.object({ id: z.string(), provider: z.string(), state: z.enum(['active', 'retiring', 'retired']), data_keys: z.number().int(), created_at: iso, activated_at: isoOrNull, retired_at: isoOrNull });

export function toAuthConfigJson(row: AuthConfigRow): z.infer<typeof authConfigJson> {
  return {
    id: row.id,
    name: row.name,
    auth_type: row.authType as z.infer<typeof authType>,
    credentials: row.credentialSummary as z.infer<typeof authConfigJson>['credentials'],
    credentials_version: row.credentialsVersion,
    oauth_config: row.oauthConfig ?? null,
    expiration: toIso(row.expiration),
    status: row.status,
    status_reason: row.statusReason,
    is_system_account: row.isSystemAccount,
    created_by: row.createdBy,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    last_used: toIso(row.lastUsed),
  };
}

export const toTestResultJson = (r: CredentialTestResult): z.infer<typeof testResultJson> => ({ ok: r.ok, message: r.message, ...(r.code ? { code: r.code } : {}), ...(r.expiresAt ? { expires_at: r.expiresAt.toISOString() } : {}) });

export const toUsageJson = (u: UsageRow): z.infer<typeof usageJson> => ({
  actor_type: u.actorType,
  actor_label: u.actorLabel,
  instance_id: u.instanceKey || null,
  operation: u.operation,
  count: u.count,
  first_used_at: u.firstUsedAt.toISOString(),
  last_used_at: u.lastUsedAt.toISOString(),
});

export const toKekJson = (k: KekRow): z.infer<typeof kekJson> => ({ id: k.id, provider: k.provider, state: k.state, data_keys: k.dataKeys, created_at: k.createdAt.toISOString(), activated_at: toIso(k.activatedAt), retired_at: toIso(k.retiredAt) });
