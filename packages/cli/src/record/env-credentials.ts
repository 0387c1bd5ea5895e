import {
  apiKeyAuth,
  awsSigV4,
  basicAuth,
  bearerAuth,
  clientCertificate,
  combineAuth,
  credentialFields,
  type AnyConnector,
  type AuthApplier,
  type AuthMethod,
} from '@patchbay/sdk';
import { PatchbayError, Secret } from '@patchbay/types';

export const ENV_PREFIX = 'PATCHBAY_CREDENTIAL_';
const OAUTH_TYPES = new Set(['oauth2_client_credentials', 'oauth2_authorization_code', 'jwt_bearer']);

/** The environment variable holding a credential field: `token` -> `PATCHBAY_CREDENTIAL_TOKEN`. */
export const envName = (field: string) => `${ENV_PREFIX}${field.toUpperCase()}`;

export interface EnvCredentials {
  readonly applier: AuthApplier | undefined;
  /** Every credential value read, for the scrubber: none of them may reach a fixture. */
  readonly secrets: readonly string[];
  readonly type: string;
}

/** The environment variables a method reads (OAuth methods take a token obtained beforehand). */
export function envVarsFor(method: AuthMethod<never>): { readonly name: string; readonly required: boolean }[] {
  if (OAUTH_TYPES.has(method.type)) return [{ name: envName('access_token'), required: true }];
  return credentialFields(method).map((field) => ({ name: envName(field.name), required: field.required }));
}

function chooseMethod(connector: AnyConnector, type: string | undefined): AuthMethod<never> | undefined {
  const methods = connector.auth as readonly AuthMethod<never>[];
  if (type === undefined) return methods[0];
  const found = methods.find((m) => m.type === type);
  if (found) return found;
  throw new PatchbayError('VALIDATION_FAILED', { field: '--auth', message: `${connector.id} has no ${type} auth method`, hint: `It offers: ${methods.map((m) => m.type).join(', ') || 'none'}.` });
}

function read(env: NodeJS.ProcessEnv, field: string, required: boolean): string | undefined {
  const value = env[envName(field)];
  if (value !== undefined && value !== '') return value;
  if (required) throw new PatchbayError('VALIDATION_FAILED', { field: envName(field), message: `Set ${envName(field)} to the credential's ${field}` });
  return undefined;
}

function applierFor(method: AuthMethod<never>, value: (field: string, required?: boolean) => string | undefined, config: Readonly<Record<string, unknown>>): AuthApplier {
  switch (method.type) {
    case 'api_key': {
      const fill = (format: string | undefined) => (format ?? '{api_key}').replace(/\{([^{}]*)\}/g, (_m, name: string) => value(name) ?? '');
      const placements = [method, ...(method.additional ?? [])];
      return combineAuth(...placements.map((p) => apiKeyAuth({ in: p.in, name: p.name, value: new Secret(fill(p.format)) })));
    }
    case 'basic':
      return basicAuth({ username: value('username')!, password: new Secret(value('password')!) });
    case 'bearer': {
      const token = new Secret(value('token')!);
      const header = method.header ?? 'Authorization';
      const prefix = method.prefix ?? 'Bearer';
      if (header.toLowerCase() === 'authorization' && prefix !== '') return bearerAuth({ token, scheme: prefix });
      return apiKeyAuth({ in: 'header', name: header, value: token, prefix: prefix === '' ? '' : `${prefix} ` });
    }
    case 'client_certificate': {
      const passphrase = value('passphrase', false);
      return clientCertificate({ cert: new Secret(value('certificate')!), key: new Secret(value('private_key')!), ...(passphrase ? { passphrase: new Secret(passphrase) } : {}) });
    }
    case 'aws': {
      const region = typeof method.region === 'string' ? method.region : String(config[method.region.fromConfig] ?? '');
      const sessionToken = value('session_token', false);
      return awsSigV4({ accessKeyId: value('access_key_id')!, secretAccessKey: new Secret(value('secret_access_key')!), region, service: method.service, ...(sessionToken ? { sessionToken: new Secret(sessionToken) } : {}) });
    }
    default:
      return bearerAuth({ token: new Secret(value('access_token')!) });
  }
}

/**
 * Credentials for a live recording, from `PATCHBAY_CREDENTIAL_<FIELD>` environment variables (never
 * from flags, which end up in shell history and process lists). `type` picks one of the connector's
 * auth methods; by default its first.
 */
export function credentialsFromEnv(connector: AnyConnector, env: NodeJS.ProcessEnv, config: Readonly<Record<string, unknown>>, type?: string): EnvCredentials {
  const method = chooseMethod(connector, type);
  if (method === undefined) return { applier: undefined, secrets: [], type: 'none' };
  const secrets: string[] = [];
  const required = new Map(envVarsFor(method).map((v) => [v.name, v.required]));
  const value = (field: string, mustHave = required.get(envName(field)) ?? true) => {
    const found = read(env, field, mustHave);
    if (found !== undefined) secrets.push(found);
    return found;
  };
  return { applier: applierFor(method, value, config), secrets, type: method.type };
}
