import { z } from 'zod';
import type { AuthMethod } from './auth-methods.ts';
import { credentialFields, type CredentialField } from './credential-fields.ts';
import { toJsonSchema, type JsonSchema } from './json-schema.ts';

function fieldSchema(field: CredentialField): z.ZodType<string | undefined> {
  const meta: Record<string, unknown> = { title: field.label };
  if (field.help !== undefined) meta['description'] = field.help;
  if (field.placeholder !== undefined) meta['x-placeholder'] = field.placeholder;
  if (field.multiline === true) meta['x-multiline'] = true;
  // Secret fields are never echoed back (writeOnly) and are masked in forms (format: password).
  if (field.secret) Object.assign(meta, { writeOnly: true, format: 'password' });
  const schema = z.string().min(1).meta(meta);
  return field.required ? schema : schema.optional();
}

/** A strict zod schema for the credentials an auth method needs: the vault validates input with it. */
export function credentialSchema(method: AuthMethod<never>): z.ZodObject {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const field of credentialFields(method)) shape[field.name] = fieldSchema(field);
  return z.strictObject(shape);
}

const defaultTitles: Readonly<Record<AuthMethod['type'], string>> = {
  api_key: 'API key',
  basic: 'Username and password',
  bearer: 'Bearer token',
  client_certificate: 'Client certificate',
  aws: 'AWS access key',
  oauth2_client_credentials: 'OAuth 2.0 client credentials',
  oauth2_authorization_code: 'OAuth 2.0 authorization code',
  jwt_bearer: 'JWT bearer assertion',
};

export function authMethodTitle(method: AuthMethod<never>): string {
  return method.label ?? defaultTitles[method.type];
}

/**
 * JSON Schema of an auth method's credential fields, for generated forms. Secret fields carry
 * `writeOnly: true` and `format: 'password'`.
 */
export function credentialJsonSchema(method: AuthMethod<never>): JsonSchema {
  const schema = toJsonSchema(credentialSchema(method), 'input');
  const description = method.description === undefined ? {} : { description: method.description };
  return { title: authMethodTitle(method), ...description, ...schema, additionalProperties: false };
}
