import { defineConnector, defineWebhook, type AuthMethod, type PreparedRequest } from '@patchbay/sdk';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { credentialsFromEnv, envVarsFor } from './env-credentials.ts';

function connectorWith(...auth: AuthMethod[]) {
  return defineConnector({
    id: 'acme-edr',
    name: 'Acme EDR',
    vendor: 'Acme',
    category: 'edr',
    version: '1.0.0',
    description: 'Test declaration.',
    features: ['Nothing'],
    icon: '🔌',
    docsUrl: 'https://docs.acme.example',
    config: z.object({ region: z.string().default('eu-west-1') }),
    auth,
    capabilities: ['webhook'],
    webhook: defineWebhook({ verification: { kind: 'github' }, streams: [], events: ['alert.raised'], handle: () => ({}) }),
    allowedHosts: ['api.acme.example'],
    minPlatformVersion: '0.1.0',
  });
}

async function applied(connector: ReturnType<typeof connectorWith>, env: Record<string, string>, type?: string) {
  const credentials = credentialsFromEnv(connector, env, { region: 'eu-west-1' }, type);
  const request: PreparedRequest = { method: 'GET', url: new URL('https://api.acme.example/v1/alerts'), headers: {}, body: undefined };
  await credentials.applier?.apply(request);
  return { credentials, request };
}

describe('credentialsFromEnv', () => {
  it('fills every api_key placement from its placeholders', async () => {
    const connector = connectorWith({ type: 'api_key', in: 'header', name: 'X-ApiKeys', format: 'accessKey={access_key};secretKey={secret_key}', additional: [{ in: 'query', name: 'tenant', format: '{tenant}' }] });
    const { credentials, request } = await applied(connector, { PATCHBAY_CREDENTIAL_ACCESS_KEY: 'ak-1234', PATCHBAY_CREDENTIAL_SECRET_KEY: 'sk-5678', PATCHBAY_CREDENTIAL_TENANT: 't-42' });
    expect(request.headers['x-apikeys']).toBe('accessKey=ak-1234;secretKey=sk-5678');
    expect(request.url.searchParams.get('tenant')).toBe('t-42');
    expect([...credentials.secrets].sort()).toEqual(['ak-1234', 'sk-5678', 't-42']);
  });

  it('honours a bearer method’s header and prefix, and picks the method named by --auth', async () => {
    const connector = connectorWith({ type: 'basic' }, { type: 'bearer', header: 'X-Auth', prefix: 'Token' });
    expect((await applied(connector, { PATCHBAY_CREDENTIAL_TOKEN: 'tok-123456' }, 'bearer')).request.headers).toEqual({ 'x-auth': 'Token tok-123456' });
    const basic = await applied(connector, { PATCHBAY_CREDENTIAL_USERNAME: 'alice', PATCHBAY_CREDENTIAL_PASSWORD: 'pw-123456' });
    expect(basic.request.headers['authorization']).toBe(`Basic ${Buffer.from('alice:pw-123456').toString('base64')}`);
    expect(() => credentialsFromEnv(connector, {}, {}, 'aws')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: '--auth' }));
  });

  it('takes an access token for OAuth methods, and names the variable that is missing', async () => {
    const connector = connectorWith({ type: 'oauth2_client_credentials', tokenUrl: 'https://auth.acme.example/token', scopes: ['alerts:read'] });
    expect(envVarsFor(connector.auth[0]!)).toEqual([{ name: 'PATCHBAY_CREDENTIAL_ACCESS_TOKEN', required: true }]);
    expect((await applied(connector, { PATCHBAY_CREDENTIAL_ACCESS_TOKEN: 'at-123456' })).request.headers).toEqual({ authorization: 'Bearer at-123456' });
    expect(() => credentialsFromEnv(connector, {}, {})).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'PATCHBAY_CREDENTIAL_ACCESS_TOKEN' }));
  });

  it('leaves optional fields out and public feeds without an applier', async () => {
    const connector = connectorWith({ type: 'aws', service: 'guardduty', region: { fromConfig: 'region' } });
    const { credentials, request } = await applied(connector, { PATCHBAY_CREDENTIAL_ACCESS_KEY_ID: 'AKIDEXAMPLE', PATCHBAY_CREDENTIAL_SECRET_ACCESS_KEY: 'secret-key-123' });
    expect(request.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/guardduty\/aws4_request/);
    expect(credentials.secrets).toEqual(['AKIDEXAMPLE', 'secret-key-123']);
    expect(credentialsFromEnv(connectorWith(), {}, {})).toEqual({ applier: undefined, secrets: [], type: 'none' });
  });
});
