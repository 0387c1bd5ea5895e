import { describe, expect, it } from 'vitest';
import { parseCredentials } from './parse-credentials.ts';
import { summarize } from './credential-view.ts';

describe('parseCredentials', () => {
  it('refuses http token URLs unless explicitly allowed (tests)', () => {
    const credentials = { client_id: 'c', client_secret: 's-0123456789', token_url: 'http://idp.example/token' };
    expect(() => parseCredentials('oauth2_client_credentials', credentials)).toThrow(expect.objectContaining({ field: 'body.credentials.token_url' }));
    expect(parseCredentials('oauth2_client_credentials', credentials, { allowInsecureHttp: true }).token_url).toBe('http://idp.example/token');
  });

  it('normalises scopes and keeps secrets exactly as given', () => {
    const values = parseCredentials('azure_ad', { tenant_id: ' t1 ', client_id: 'c', client_secret: ' spaced secret ', scopes: 'a, b  c' });
    expect(values).toEqual({ tenant_id: 't1', client_id: 'c', client_secret: ' spaced secret ', scopes: ['a', 'b', 'c'] });
    expect(summarize('azure_ad', values).client_secret).toEqual({ set: true, masked: '••••cret' });
  });

  it('short secrets are fully masked', () => {
    expect(summarize('bearer', { token: 'abc' }).token).toEqual({ set: true, masked: '••••' });
  });
});
