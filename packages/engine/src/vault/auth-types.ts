/** The auth types the vault stores, and each type's credential fields (secret or not, required or not). */
export const vaultAuthTypes = [
  'api_key',
  'basic',
  'bearer',
  'client_certificate',
  'aws',
  'azure_ad',
  'oauth2_client_credentials',
  'oauth2_authorization_code',
  'jwt_bearer',
] as const;

export type VaultAuthType = (typeof vaultAuthTypes)[number];

export type FieldKind = 'text' | 'verbatim' | 'url' | 'scopes' | 'pem';

export interface FieldSpec {
  readonly name: string;
  readonly secret: boolean;
  readonly required: boolean;
  readonly kind: FieldKind;
}

const f = (name: string, secret: boolean, required: boolean, kind: FieldKind = 'text'): FieldSpec => ({ name, secret, required, kind });

const oauthTarget = [f('scopes', false, false, 'scopes'), f('audience', false, false), f('issuer', false, false, 'url')];

export const authTypeFields: Readonly<Record<VaultAuthType, readonly FieldSpec[]>> = {
  // One of header_name or query_param is required (checked in parse-credentials).
  api_key: [f('api_key', true, true), f('header_name', false, false), f('query_param', false, false), f('prefix', false, false, 'verbatim')],
  basic: [f('username', false, true), f('password', true, true)],
  bearer: [f('token', true, true)],
  client_certificate: [f('certificate_pem', false, true, 'pem'), f('private_key_pem', true, true, 'pem'), f('ca_pem', false, false, 'pem'), f('passphrase', true, false)],
  aws: [
    f('access_key_id', false, true),
    f('secret_access_key', true, true),
    f('session_token', true, false),
    f('role_arn', false, false),
    f('external_id', false, false),
    f('region', false, false),
    f('sts_endpoint', false, false, 'url'),
  ],
  azure_ad: [f('tenant_id', false, true), f('client_id', false, true), f('client_secret', true, true), f('scopes', false, false, 'scopes'), f('authority_host', false, false, 'url')],
  // Exactly one of client_secret or private_key_pem (private_key_jwt client authentication, RFC 7523 §2.2: Okta service apps).
  oauth2_client_credentials: [
    f('client_id', false, true),
    f('client_secret', true, false),
    f('token_url', false, true, 'url'),
    ...oauthTarget,
    f('private_key_pem', true, false, 'pem'),
    f('key_id', false, false),
    f('algorithm', false, false),
  ],
  oauth2_authorization_code: [
    f('client_id', false, true),
    f('client_secret', true, false),
    f('authorize_url', false, true, 'url'),
    f('token_url', false, true, 'url'),
    ...oauthTarget,
    // Set by the authorization flow (or imported); rotated refresh tokens replace it atomically.
    f('refresh_token', true, false),
  ],
  jwt_bearer: [
    f('issuer', false, true),
    f('private_key_pem', true, true, 'pem'),
    f('token_url', false, true, 'url'),
    f('subject', false, false),
    f('client_id', false, false),
    f('key_id', false, false),
    f('algorithm', false, false),
    f('scopes', false, false, 'scopes'),
    f('audience', false, false),
  ],
};

/** Types whose access comes from a token endpoint: the token manager serves them. */
export const tokenAuthTypes: ReadonlySet<VaultAuthType> = new Set(['azure_ad', 'oauth2_client_credentials', 'oauth2_authorization_code', 'jwt_bearer']);

export function isVaultAuthType(value: unknown): value is VaultAuthType {
  return typeof value === 'string' && (vaultAuthTypes as readonly string[]).includes(value);
}

export function fieldSpec(type: VaultAuthType, name: string): FieldSpec | undefined {
  return authTypeFields[type].find((s) => s.name === name);
}
