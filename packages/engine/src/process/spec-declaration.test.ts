import { describe, expect, it } from 'vitest';
import { describeConnector } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { processConnector } from './process-connector.ts';

const program = { command: 'unused', args: [] };
const base = {
  id: 'acme-feed',
  name: 'Acme Feed',
  vendor: 'Acme',
  category: 'edr',
  version: '2.1.0',
  description: 'Findings from Acme.',
  features: ['Findings'],
  icon: '🛡️',
  docs_url: 'https://docs.acme.example/api',
  min_platform_version: '0.1.0',
  capabilities: ['ingest'],
  config: { type: 'object', properties: { region: { type: 'string', enum: ['us', 'eu'], default: 'us' } } },
  auth: [{ type: 'oauth2_client_credentials', token_url: 'https://auth.acme.example/token', scopes: ['read'], client_auth: 'body' }],
  allowed_hosts: ['api.acme.example', 'auth.acme.example'],
  rate_limits: { per_minute: 600 },
  streams: [{ name: 'findings', ocsf: { class: 'detection_finding', class_uid: 2004 }, primary_key: 'uid', full_refresh: true, schedule: { interval_minutes: 30 } }],
};

function issuesOf(spec: unknown): { field: string; message: string }[] {
  try {
    processConnector({ program, spec });
  } catch (error) {
    expect(error).toBeInstanceOf(PatchbayError);
    expect((error as PatchbayError).code).toBe('CONNECTOR_SPEC_INVALID');
    return (error as PatchbayError).details!.issues as { field: string; message: string }[];
  }
  throw new Error('the spec was accepted');
}

describe('a program spec as a connector declaration', () => {
  it('becomes the same description a TypeScript declaration would have', () => {
    const description = describeConnector(processConnector({ program, spec: base }));
    expect(description).toMatchObject({
      id: 'acme-feed',
      docsUrl: 'https://docs.acme.example/api',
      testConnection: false,
      rateLimits: { perMinute: 600 },
      auth: [{ type: 'oauth2_client_credentials', settings: { tokenUrl: 'https://auth.acme.example/token', scopes: ['read'], clientAuth: 'body' } }],
      streams: [{ name: 'findings', primaryKey: 'uid', fullRefresh: true, schedule: { intervalMinutes: 30 }, checkpoint: { type: 'object' } }],
    });
    expect(description.config).toMatchObject({ type: 'object', properties: { region: { enum: ['us', 'eu'], default: 'us' } } });
  });

  it('names wrong JSON shapes by their spec path', () => {
    expect(issuesOf({ ...base, streams: [{ ...base.streams[0], ocsf: 'detection_finding' }], features: 'one' })).toEqual([
      { field: 'spec.features', message: expect.stringMatching(/expected array/) },
      { field: 'spec.streams[0].ocsf', message: expect.stringMatching(/expected object/) },
    ]);
  });

  it('applies every declaration rule and reports fields in snake_case', () => {
    const fields = issuesOf({ ...base, version: 'v2', capabilities: ['ingest', 'actions'], config: { type: 'object', properties: { api_key: { type: 'string' } } } }).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['spec.version', 'spec.config.api_key', 'spec.capabilities[1]']));
    expect(issuesOf({ ...base, streams: [{ ...base.streams[0], schedule: { interval_minutes: 0 } }] })[0]!.field).toBe('spec.streams[0].schedule.interval_minutes');
  });
});
