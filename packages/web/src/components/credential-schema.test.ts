import { describe, expect, it } from 'vitest';
import { credentialPayload, credentialSchema, secretFields, type AuthMethodView } from './credential-schema.ts';

const apiKey: AuthMethodView = {
  type: 'api_key',
  title: 'API key',
  description: null,
  schema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', properties: { api_key: { type: 'string', writeOnly: true, format: 'password' } }, required: ['api_key'] },
  settings: { in: 'header', name: 'X-Key' },
};

describe('wizard credentials', () => {
  it("adds where an API key goes, from the method's settings, and masks the declared secrets", () => {
    const schema = credentialSchema(apiKey);
    expect(schema.$schema).toBeUndefined();
    expect(schema.required).toEqual(['api_key', 'header_name']);
    expect(schema.properties!.header_name).toMatchObject({ default: 'X-Key' });
    expect(secretFields(schema)).toEqual(['api_key']);
    expect(credentialPayload(apiKey, { api_key: 'k-123', header_name: '' })).toEqual({ api_key: 'k-123', header_name: 'X-Key' });
  });

  it('asks a client-credentials grant for its token URL (prefilled from the configuration) and sends scopes as a list', () => {
    const method: AuthMethodView = { type: 'oauth2_client_credentials', title: null, description: null, schema: { type: 'object', properties: { client_id: { type: 'string' }, client_secret: { type: 'string', writeOnly: true } }, required: ['client_id', 'client_secret'] }, settings: { tokenUrl: { fromConfig: true } } };
    const schema = credentialSchema(method, { token_url: 'https://idp.example/token' });
    expect(schema.required).toEqual(['client_id', 'client_secret', 'token_url']);
    expect(schema.properties!.token_url).toMatchObject({ default: 'https://idp.example/token' });
    expect(credentialPayload(method, { client_id: 'a', client_secret: 'b', token_url: 'https://idp.example/token', scopes: ' read  write ' })).toEqual({ client_id: 'a', client_secret: 'b', token_url: 'https://idp.example/token', scopes: ['read', 'write'] });
  });
});
