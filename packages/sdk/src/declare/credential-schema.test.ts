import { describe, expect, it } from 'vitest';
import type { AuthMethod } from './auth-methods.ts';
import { credentialFields } from './credential-fields.ts';
import { credentialJsonSchema, credentialSchema } from './credential-schema.ts';

describe('credential fields and their JSON Schema', () => {
  it('marks secret fields writeOnly with format password, and only those', () => {
    const schema = credentialJsonSchema({ type: 'basic', fields: { username: { help: 'Your admin login' } } });
    expect(schema).toEqual({
      title: 'Username and password',
      type: 'object',
      properties: {
        username: { type: 'string', minLength: 1, title: 'Username', description: 'Your admin login' },
        password: { type: 'string', minLength: 1, title: 'Password', writeOnly: true, format: 'password' },
      },
      required: ['username', 'password'],
      additionalProperties: false,
    });
  });

  it('derives api_key fields from the format placeholders of every placement', () => {
    const tenable: AuthMethod = {
      type: 'api_key',
      label: 'Tenable API keys',
      in: 'header',
      name: 'X-ApiKeys',
      format: 'accessKey={access_key};secretKey={secret_key}',
      fields: { access_key: { help: 'Settings → My account → API keys' } },
    };
    expect(credentialFields(tenable).map((f) => [f.name, f.label, f.secret])).toEqual([
      ['access_key', 'Access key', true],
      ['secret_key', 'Secret key', true],
    ]);
    const datadog: AuthMethod = {
      type: 'api_key',
      in: 'header',
      name: 'DD-API-KEY',
      additional: [{ in: 'header', name: 'DD-APPLICATION-KEY', format: '{application_key}' }],
    };
    expect(credentialFields(datadog).map((f) => f.name)).toEqual(['api_key', 'application_key']);
    const schema = credentialJsonSchema(datadog) as { properties: Record<string, Record<string, unknown>> };
    expect(schema.properties['api_key']).toMatchObject({ title: 'API key', writeOnly: true, format: 'password' });
  });

  it('lets an api_key placeholder be declared non-secret, but never weakens a built-in secret', () => {
    const account: AuthMethod = { type: 'api_key', in: 'header', name: 'X-Auth', format: '{account_id}:{api_key}', fields: { account_id: { secret: false } } };
    expect(credentialFields(account).map((f) => f.secret)).toEqual([false, true]);
    const sneaky = { type: 'bearer', fields: { token: { secret: false, help: 'Profile → Tokens' } } } as unknown as AuthMethod;
    expect(credentialFields(sneaky)).toEqual([{ name: 'token', label: 'Token', secret: true, required: true, help: 'Profile → Tokens' }]);
  });

  it('lists optional fields without requiring them and marks PEM fields multi-line', () => {
    const schema = credentialJsonSchema({ type: 'client_certificate' }) as { required: string[]; properties: Record<string, Record<string, unknown>> };
    expect(schema.required).toEqual(['certificate', 'private_key']);
    expect(schema.properties['private_key']).toMatchObject({ writeOnly: true, format: 'password', 'x-multiline': true });
    expect(schema.properties['certificate']).not.toHaveProperty('writeOnly');
    expect(schema.properties['passphrase']).toMatchObject({ writeOnly: true });
  });

  it('gives every auth type its fields, with the secrets marked', () => {
    const secrets = (method: AuthMethod<never>) => credentialFields(method).filter((f) => f.secret).map((f) => f.name);
    expect(secrets({ type: 'aws', service: 'guardduty', region: 'us-east-1' })).toEqual(['secret_access_key', 'session_token']);
    expect(secrets({ type: 'oauth2_client_credentials', tokenUrl: 'https://login.acme.test/token' })).toEqual(['client_secret']);
    expect(secrets({ type: 'oauth2_authorization_code', authorizeUrl: 'https://a.test/authorize', tokenUrl: 'https://a.test/token', scopes: [], pkce: true })).toEqual([
      'client_secret',
    ]);
    expect(secrets({ type: 'jwt_bearer', tokenUrl: 'https://a.test/token' })).toEqual(['private_key']);
  });

  it('validates credentials strictly with the zod schema', () => {
    const schema = credentialSchema({ type: 'aws', service: 'guardduty', region: 'us-east-1' });
    expect(schema.safeParse({ access_key_id: 'AKIA', secret_access_key: 's' }).success).toBe(true);
    expect(schema.safeParse({ access_key_id: 'AKIA' }).success).toBe(false);
    expect(schema.safeParse({ access_key_id: 'AKIA', secret_access_key: 's', extra: 'x' }).success).toBe(false);
    expect(schema.safeParse({ access_key_id: 'AKIA', secret_access_key: '' }).success).toBe(false);
  });
});
