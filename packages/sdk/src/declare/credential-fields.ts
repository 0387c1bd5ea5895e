import type { AuthMethod, AuthType, CredentialFieldOverride } from './auth-methods.ts';

/** One credential the wizard asks for and the vault stores, keyed by `name`. */
export interface CredentialField {
  readonly name: string;
  readonly label: string;
  readonly secret: boolean;
  readonly required: boolean;
  readonly help?: string;
  readonly placeholder?: string;
  /** PEM blocks and other multi-line values. */
  readonly multiline?: boolean;
}

const field = (name: string, label: string, secret: boolean, required = true, multiline = false): CredentialField =>
  multiline ? { name, label, secret, required, multiline } : { name, label, secret, required };

const oauthClient = [field('client_id', 'Client ID', false), field('client_secret', 'Client secret', true)];
/** A client that authenticates with private_key_jwt: a key pair instead of a secret. */
const oauthKeyClient = [field('client_id', 'Client ID', false), field('private_key', 'Private key (PEM)', true, true, true), field('key_id', 'Key ID', false, false)];

/** The built-in fields of a method: an OAuth client with `clientAuth: 'private_key_jwt'` has a key, not a secret. */
export function builtInFieldsOf(method: Exclude<AuthMethod<never>, { type: 'api_key' }>): readonly CredentialField[] {
  return method.type === 'oauth2_client_credentials' && method.clientAuth === 'private_key_jwt' ? oauthKeyClient : builtInCredentialFields[method.type];
}

/** The fields each auth type defines; `api_key` fields come from its format placeholders. */
export const builtInCredentialFields: Readonly<Record<Exclude<AuthType, 'api_key'>, readonly CredentialField[]>> = {
  basic: [field('username', 'Username', false), field('password', 'Password', true)],
  bearer: [field('token', 'Token', true)],
  client_certificate: [
    field('certificate', 'Client certificate (PEM)', false, true, true),
    field('private_key', 'Private key (PEM)', true, true, true),
    field('passphrase', 'Private key passphrase', true, false),
  ],
  aws: [
    field('access_key_id', 'Access key ID', false),
    field('secret_access_key', 'Secret access key', true),
    field('session_token', 'Session token', true, false),
    field('role_arn', 'Role ARN to assume', false, false),
    field('external_id', 'External ID', false, false),
  ],
  oauth2_client_credentials: oauthClient,
  oauth2_authorization_code: oauthClient,
  jwt_bearer: [
    field('client_id', 'Client ID (issuer)', false),
    field('subject', 'Subject', false, false),
    field('private_key', 'Private key (PEM)', true, true, true),
    field('key_id', 'Key ID', false, false),
  ],
};

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Placeholder names in an api_key format, in order of first appearance. */
export function formatPlaceholders(format: unknown): string[] {
  if (typeof format !== 'string') return [];
  return [...new Set([...format.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))];
}

export function apiKeyFormats(method: Extract<AuthMethod, { type: 'api_key' }>): string[] {
  return [method, ...(method.additional ?? [])].map((placement) => placement.format ?? '{api_key}');
}

const WORDS: Readonly<Record<string, string>> = { api: 'API', id: 'ID', url: 'URL', arn: 'ARN' };

function labelFor(name: string): string {
  const words = name.split('_').map((word) => WORDS[word] ?? word);
  const first = words[0] ?? name;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...words.slice(1)].join(' ');
}

type Override = CredentialFieldOverride & { readonly secret?: boolean };

function applyOverride(base: CredentialField, override: Override | undefined, mayChangeSecret: boolean): CredentialField {
  if (override === undefined) return base;
  const { label, help, placeholder, required, secret } = override;
  return {
    ...base,
    ...(label === undefined ? {} : { label }),
    ...(help === undefined ? {} : { help }),
    ...(placeholder === undefined ? {} : { placeholder }),
    ...(required === undefined ? {} : { required }),
    ...(secret === undefined || !mayChangeSecret ? {} : { secret }),
  };
}

/** The complete, ordered list of credential fields a method needs, with the connector's help text. */
export function credentialFields(method: AuthMethod<never>): readonly CredentialField[] {
  if (method.type === 'api_key') {
    const names = [...new Set(apiKeyFormats(method).flatMap(formatPlaceholders))];
    return names.map((name) => applyOverride(field(name, labelFor(name), true), method.fields?.[name], true));
  }
  const overrides: Readonly<Record<string, Override | undefined>> = method.fields ?? {};
  // Built-in fields keep their secret flag: a connector can add help text, never weaken a secret.
  return builtInFieldsOf(method).map((base) => applyOverride(base, overrides[base.name], false));
}
