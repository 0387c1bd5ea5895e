import { describe, expect, it } from 'vitest';
import type { AuthMethod } from './auth-methods.ts';
import { defineConnector } from './define-connector.ts';
import { fieldsOf, issuesOf } from './fixtures/expect-invalid.ts';
import { sampleDeclaration } from './fixtures/sample-connector.ts';

const withAuth = (...auth: unknown[]) => () => defineConnector({ ...sampleDeclaration(), auth: auth as AuthMethod[] });

describe('auth method declarations', () => {
  it('accepts every auth type, with token URLs fixed or computed from config', () => {
    const connector = defineConnector({
      ...sampleDeclaration(),
      allowedHosts: ['api.acme-edr.com', 'graph.microsoft.com', '*.securitycenter.microsoft.com'],
      auth: [
        { type: 'api_key', in: 'query', name: 'api_key' },
        { type: 'basic' },
        { type: 'bearer', prefix: 'Token' },
        { type: 'client_certificate' },
        { type: 'aws', service: 'guardduty', region: { fromConfig: 'region' } },
        {
          type: 'oauth2_client_credentials',
          tokenUrl: (config) => `https://login.${config.region}.acme.test/token`,
          perHost: [
            { host: 'graph.microsoft.com', scopes: ['https://graph.microsoft.com/.default'] },
            { host: '*.securitycenter.microsoft.com', audience: 'https://api.securitycenter.microsoft.com' },
          ],
        },
        { type: 'oauth2_authorization_code', authorizeUrl: 'https://a.test/authorize', tokenUrl: 'https://a.test/token', scopes: ['read'], pkce: true },
        { type: 'jwt_bearer', tokenUrl: 'https://a.test/token', audience: 'https://a.test', algorithm: 'ES256' },
      ],
    });
    expect(connector.auth.map((method) => method.type)).toHaveLength(8);
  });

  it('rejects unknown and duplicate auth types', () => {
    expect(issuesOf(withAuth({ type: 'ntlm' }))[0]).toMatchObject({ field: 'auth[0].type', message: expect.stringContaining('"ntlm"') });
    expect(fieldsOf(withAuth({ type: 'basic' }, { type: 'basic' }))).toEqual(['auth[1]']);
  });

  it('checks api_key placements and formats', () => {
    expect(fieldsOf(withAuth({ type: 'api_key', in: 'cookie', name: 'k' }))).toEqual(['auth[0].in']);
    expect(fieldsOf(withAuth({ type: 'api_key', in: 'header', name: 'Bad Header' }))).toEqual(['auth[0].name']);
    expect(fieldsOf(withAuth({ type: 'api_key', in: 'header', name: 'Authorization', format: 'SSWS token' }))).toEqual(['auth[0].format']);
    expect(fieldsOf(withAuth({ type: 'api_key', in: 'header', name: 'Authorization', format: 'SSWS {ApiKey}' }))).toEqual(['auth[0].format']);
    expect(fieldsOf(withAuth({ type: 'api_key', in: 'header', name: 'Authorization', format: 'SSWS {api_key}}' }))).toEqual(['auth[0].format']);
    const twice = { type: 'api_key', in: 'header', name: 'X-Key', additional: [{ in: 'header', name: 'x-key', format: '{other}' }] };
    expect(fieldsOf(withAuth(twice))).toEqual(['auth[0].additional[0].name']);
    const unknownField = { type: 'api_key', in: 'header', name: 'X-Key', fields: { secret_key: { help: 'x' } } };
    expect(fieldsOf(withAuth(unknownField))).toEqual(['auth[0].fields.secret_key']);
  });

  it('checks OAuth and JWT settings', () => {
    expect(fieldsOf(withAuth({ type: 'oauth2_client_credentials', tokenUrl: 'http://login.acme.test/token' }))).toEqual(['auth[0].tokenUrl']);
    expect(fieldsOf(withAuth({ type: 'oauth2_client_credentials', tokenUrl: 'https://a.test/t', scopes: ['a b'] }))).toEqual(['auth[0].scopes']);
    const perHost = { type: 'oauth2_client_credentials', tokenUrl: 'https://a.test/t', perHost: [{ host: 'graph.microsoft.com', audience: 'x' }] };
    expect(issuesOf(withAuth(perHost))[0]).toMatchObject({ field: 'auth[0].perHost[0].host', message: '"graph.microsoft.com" is not in allowedHosts' });
    const code = { type: 'oauth2_authorization_code', authorizeUrl: 'https://a.test/a', tokenUrl: 'https://a.test/t', pkce: 'yes' };
    expect(fieldsOf(withAuth(code))).toEqual(['auth[0].scopes', 'auth[0].pkce']);
    expect(fieldsOf(withAuth({ type: 'jwt_bearer', tokenUrl: 'https://a.test/t', algorithm: 'HS256' }))).toEqual(['auth[0].algorithm']);
  });

  it('checks AWS service and region', () => {
    expect(fieldsOf(withAuth({ type: 'aws', service: 'GuardDuty', region: 'us-east-1' }))).toEqual(['auth[0].service']);
    expect(fieldsOf(withAuth({ type: 'aws', service: 'guardduty', region: 'mars' }))).toEqual(['auth[0].region']);
    expect(fieldsOf(withAuth({ type: 'aws', service: 'guardduty', region: { fromConfig: 'aws_region' } }))).toEqual(['auth[0].region.fromConfig']);
  });
});
