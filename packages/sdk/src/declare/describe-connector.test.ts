import { describe, expect, it } from 'vitest';
import { defineConnector } from './define-connector.ts';
import { describeConnector } from './describe-connector.ts';
import { sampleDeclaration, type SampleCalls } from './fixtures/sample-connector.ts';

describe('describeConnector', () => {
  const calls: SampleCalls = { fetch: 0, run: 0, validate: 0, tokenUrl: 0 };
  const connector = defineConnector(sampleDeclaration(calls));
  const description = describeConnector(connector);

  it('is plain JSON and runs no connector code', () => {
    expect(JSON.parse(JSON.stringify(description))).toEqual(description);
    expect(calls).toEqual({ fetch: 0, run: 0, validate: 0, tokenUrl: 0 });
    expect(describeConnector(connector)).toBe(description);
    expect(Object.isFrozen(description.streams[0])).toBe(true);
  });

  it('describes the catalogue entry', () => {
    expect(description).toMatchObject({
      id: 'acme-edr',
      name: 'Acme EDR',
      vendor: 'Acme',
      category: 'edr',
      version: '1.2.0',
      minPlatformVersion: '0.1.0',
      capabilities: ['ingest', 'actions', 'webhook', 'bidirectional'],
      testConnection: true,
      rateLimits: { perMinute: 600, perDay: 100_000, burst: 20 },
      allowedHosts: ['api.acme-edr.com', '*.acme-edr.com', { fromConfig: 'base_url' }],
    });
  });

  it('exports the config as the JSON Schema a form fills in', () => {
    expect(description.config).toEqual({
      type: 'object',
      properties: {
        region: { type: 'string', enum: ['us-1', 'eu-1'], default: 'us-1', description: 'Cloud region of the tenant' },
        base_url: { type: 'string', format: 'uri' },
      },
    });
  });

  it('exports each auth method with its credential schema and settings', () => {
    const [oauth, apiKey] = description.auth;
    expect(oauth).toMatchObject({
      type: 'oauth2_client_credentials',
      title: 'OAuth 2.0 client credentials',
      settings: { tokenUrl: { fromConfig: true }, scopes: ['alerts:read'] },
      schema: {
        properties: {
          client_id: { title: 'Client ID', description: 'Console → API clients' },
          client_secret: { writeOnly: true, format: 'password', description: 'Shown once when the client is created' },
        },
        required: ['client_id', 'client_secret'],
      },
    });
    expect(oauth?.schema['properties']).not.toHaveProperty('client_id.writeOnly');
    expect(apiKey).toMatchObject({ type: 'api_key', settings: { in: 'header', name: 'Authorization', format: 'Token {api_key}' } });
    expect(apiKey?.fields).toEqual([{ name: 'api_key', label: 'API key', secret: true, required: true }]);
  });

  it('describes streams, actions and the webhook with their schemas', () => {
    expect(description.streams).toEqual([
      {
        name: 'alerts',
        title: null,
        description: null,
        ocsf: { class: 'detection_finding', classUid: 2004 },
        primaryKey: 'id',
        fullRefresh: false,
        permissions: ['alerts:read'],
        schedule: { intervalMinutes: 5 },
        checkpoint: { type: 'object', properties: { since: { type: 'string' } }, required: ['since'], additionalProperties: false },
      },
    ]);
    expect(description.actions.map((a) => [a.name, a.reverse, a.impact, a.category, a.readOnly, a.dryRun])).toEqual([
      ['contain-host', 'lift-containment', 'high', 'contain', false, false],
      ['lift-containment', 'contain-host', 'high', 'contain', false, false],
    ]);
    expect(description.actions[0]?.input).toMatchObject({ properties: { device_id: { type: 'string' } }, required: ['device_id'] });
    expect(description.actions[0]?.output).toMatchObject({ properties: { accepted: { type: 'boolean' } }, additionalProperties: false });
    expect(description.webhook).toEqual({
      verification: { kind: 'hmac-sha256', header: 'X-Acme-Signature', encoding: 'hex', prefix: 'sha256=' },
      secretSource: 'generated',
      ipAllowList: [],
      streams: ['alerts'],
      events: [],
    });
  });

  it('rolls up permissions with who needs them', () => {
    expect(description.permissions).toEqual([
      { permission: 'alerts:read', usedBy: [{ kind: 'stream', name: 'alerts' }] },
      {
        permission: 'hosts:write',
        usedBy: [
          { kind: 'action', name: 'contain-host' },
          { kind: 'action', name: 'lift-containment' },
        ],
      },
    ]);
  });
});
