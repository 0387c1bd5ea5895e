import { X509Certificate, createPrivateKey } from 'node:crypto';
import { jwtAlgorithms } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { authTypeFields, isVaultAuthType, vaultAuthTypes, type FieldSpec, type VaultAuthType } from './auth-types.ts';

/** Stored credential values: strings, and scope lists. */
export type CredentialValues = Record<string, string | string[]>;

export interface ParseOptions {
  /** Allow http:// token and authorize URLs (tests against a local server only). */
  readonly allowInsecureHttp?: boolean;
}

const invalid = (field: string, message: string, hint?: string) =>
  new PatchbayError('CREDENTIAL_INVALID', { field: `body.${field}`, message: `body.${field}: ${message}`, hint });

export function parseAuthType(value: unknown): VaultAuthType {
  if (!isVaultAuthType(value)) {
    throw new PatchbayError('VALIDATION_FAILED', { field: 'body.auth_type', message: `body.auth_type: unknown auth type; use one of ${vaultAuthTypes.join(', ')}` });
  }
  return value;
}

function parseValue(spec: FieldSpec, raw: unknown, options: ParseOptions): string | string[] {
  const field = `credentials.${spec.name}`;
  if (spec.kind === 'scopes') {
    const list = typeof raw === 'string' ? raw.split(/[\s,]+/) : Array.isArray(raw) ? raw : undefined;
    if (!list || !list.every((s) => typeof s === 'string')) throw invalid(field, 'must be a list of scopes or a space-separated string');
    return list.map((s) => s.trim()).filter(Boolean);
  }
  // Never echo the value: it may be a secret.
  if (typeof raw !== 'string' || raw.trim() === '') throw invalid(field, 'must be a non-empty string');
  const value = spec.secret || spec.kind === 'verbatim' ? raw : raw.trim();
  if (spec.kind === 'url') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw invalid(field, 'must be an absolute URL');
    }
    if (url.protocol !== 'https:' && !(options.allowInsecureHttp && url.protocol === 'http:')) throw invalid(field, 'must use https', 'Credentials and tokens must never travel in clear text.');
  }
  if (spec.kind === 'pem' && !value.includes('-----BEGIN ')) throw invalid(field, 'must be PEM text (-----BEGIN ...-----)');
  return value;
}

function checkPem(values: CredentialValues): void {
  let key;
  if (typeof values.private_key_pem === 'string') {
    try {
      key = createPrivateKey({ key: values.private_key_pem, passphrase: typeof values.passphrase === 'string' ? values.passphrase : undefined });
    } catch {
      throw invalid('credentials.private_key_pem', 'is not a readable PEM private key (or the passphrase is wrong)');
    }
  }
  for (const name of ['certificate_pem', 'ca_pem']) {
    const pem = values[name];
    if (typeof pem !== 'string') continue;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch {
      throw invalid(`credentials.${name}`, 'is not a readable PEM certificate');
    }
    if (name === 'certificate_pem' && key && !cert.checkPrivateKey(key)) throw invalid('credentials.private_key_pem', 'does not belong to credentials.certificate_pem');
  }
}

/**
 * Checks credentials against their auth type: unknown fields, missing required ones and malformed values
 * are CREDENTIAL_INVALID naming the field, never quoting it. Returns the normalised values.
 */
export function parseCredentials(type: VaultAuthType, input: Record<string, unknown>, options: ParseOptions = {}): CredentialValues {
  const specs = authTypeFields[type];
  for (const name of Object.keys(input)) {
    if (!specs.some((s) => s.name === name)) throw invalid(`credentials.${name}`, `is not a field of auth type ${type}`, `Fields of ${type}: ${specs.map((s) => s.name).join(', ')}.`);
  }
  const values: CredentialValues = {};
  for (const spec of specs) {
    const raw = input[spec.name];
    if (raw === undefined || raw === null) {
      if (spec.required) throw invalid(`credentials.${spec.name}`, `is required for auth type ${type}`);
      continue;
    }
    values[spec.name] = parseValue(spec, raw, options);
  }
  if (type === 'api_key' && (values.header_name === undefined) === (values.query_param === undefined)) {
    throw invalid('credentials.header_name', 'set exactly one of header_name or query_param', 'An API key goes either in a header or in a query parameter.');
  }
  if (type === 'oauth2_client_credentials' && (values.client_secret === undefined) === (values.private_key_pem === undefined)) {
    throw invalid('credentials.client_secret', 'set exactly one of client_secret or private_key_pem', 'A client authenticates with a secret, or with a private key whose public half the authorization server knows (private_key_jwt).');
  }
  if (values.algorithm !== undefined && !(jwtAlgorithms as readonly string[]).includes(values.algorithm as string)) {
    throw invalid('credentials.algorithm', `must be one of ${jwtAlgorithms.join(', ')}`);
  }
  if (type === 'client_certificate' || type === 'jwt_bearer' || values.private_key_pem !== undefined) checkPem(values);
  return values;
}
