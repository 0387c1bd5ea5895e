import { PatchbayError } from '@patchbay/types';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ConnectorDeclaration } from './connector-types.ts';
import { defineConnector } from './define-connector.ts';
import { fieldsOf, issuesOf } from './fixtures/expect-invalid.ts';
import { sampleConfig, sampleDeclaration, type SampleCalls } from './fixtures/sample-connector.ts';

type Declaration = ConnectorDeclaration<typeof sampleConfig>;
const withChanges = (changes: Partial<Record<keyof Declaration, unknown>>): Declaration =>
  ({ ...sampleDeclaration(), ...changes }) as Declaration;

describe('defineConnector', () => {
  it('returns the declaration as frozen plain data and runs none of its code', () => {
    const calls: SampleCalls = { fetch: 0, run: 0, validate: 0, tokenUrl: 0 };
    const connector = defineConnector(sampleDeclaration(calls));
    expect(connector.kind).toBe('connector');
    expect(connector.id).toBe('acme-edr');
    expect(Object.isFrozen(connector)).toBe(true);
    expect(Object.isFrozen(connector.capabilities)).toBe(true);
    expect(Object.isFrozen(connector.streams?.[0]?.permissions)).toBe(true);
    expect(calls).toEqual({ fetch: 0, run: 0, validate: 0, tokenUrl: 0 });
    // zod schemas stay usable: freezing them would break zod's lazy caches.
    expect(connector.config.parse({})).toEqual({ region: 'us-1' });
  });

  it('rejects ids that are not lowercase kebab-case product names', () => {
    for (const id of ['CrowdStrike', 'crowdstrike_falcon', 'crowdstrike--falcon', '-falcon', '', 'a'.repeat(65)]) {
      const error = (() => {
        try {
          defineConnector(withChanges({ id }));
        } catch (e) {
          return e as PatchbayError;
        }
        throw new Error(`accepted ${id}`);
      })();
      expect(error).toBeInstanceOf(PatchbayError);
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.field).toBe('id');
      expect(error.message).toContain('kebab-case');
    }
  });

  it('reports every problem at once', () => {
    const issues = issuesOf(() => defineConnector(withChanges({ id: 'Bad Id', version: '1.0', category: 'antivirus', docsUrl: 'http://docs' })));
    expect(issues.map((issue) => issue.field)).toEqual(['id', 'category', 'version', 'docsUrl']);
  });

  it('checks metadata: features, icon and versions', () => {
    expect(fieldsOf(() => defineConnector(withChanges({ features: [] })))).toEqual(['features']);
    expect(fieldsOf(() => defineConnector(withChanges({ minPlatformVersion: 'v1.0.0' })))).toEqual(['minPlatformVersion']);
    expect(fieldsOf(() => defineConnector(withChanges({ icon: '<svg onload="alert(1)"></svg>' })))).toEqual(['icon']);
    expect(fieldsOf(() => defineConnector(withChanges({ icon: 'acme' })))).toEqual(['icon']);
    expect(fieldsOf(() => defineConnector(withChanges({ icon: 'http://cdn.acme.test/icon.png' })))).toEqual(['icon']);
    for (const icon of ['<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>', 'https://cdn.acme.test/icon.svg', '🔐']) {
      expect(defineConnector(withChanges({ icon })).icon).toBe(icon);
    }
  });

  it('rejects duplicate stream and action names', () => {
    const [stream] = sampleDeclaration().streams ?? [];
    const actions = sampleDeclaration().actions ?? [];
    expect(fieldsOf(() => defineConnector(withChanges({ streams: [stream, stream] })))).toEqual(['streams[1]']);
    expect(fieldsOf(() => defineConnector(withChanges({ actions: [...actions, actions[0]] })))).toContain('actions[2]');
  });

  it('requires every reverse to name an existing, writing action that points back', () => {
    const [contain, lift] = sampleDeclaration().actions ?? [];
    const missing = issuesOf(() => defineConnector(withChanges({ actions: [contain] })));
    expect(missing).toEqual([expect.objectContaining({ field: 'actions[0].reverse', message: expect.stringContaining('"lift-containment"') })]);
    const readOnlyReverse = { ...lift, readOnly: true, reverse: undefined };
    expect(fieldsOf(() => defineConnector(withChanges({ actions: [contain, readOnlyReverse] })))).toEqual(['actions[0].reverse']);
    const other = { ...lift, name: 'isolate-host', reverse: 'lift-containment' };
    const asymmetric = { ...lift, reverse: 'isolate-host' };
    expect(fieldsOf(() => defineConnector(withChanges({ actions: [contain, asymmetric, other] })))).toContain('actions[0].reverse');
  });

  it('checks capabilities against the content both ways', () => {
    const { streams, actions, webhook } = sampleDeclaration();
    expect(issuesOf(() => defineConnector(withChanges({ capabilities: ['actions', 'webhook', 'bidirectional'] })))).toEqual([
      expect.objectContaining({ field: 'capabilities', message: 'must include "ingest"' }),
    ]);
    expect(fieldsOf(() => defineConnector(withChanges({ capabilities: ['ingest', 'webhook', 'bidirectional'] })))).toEqual(['capabilities']);
    expect(fieldsOf(() => defineConnector(withChanges({ webhook: undefined })))).toEqual(['capabilities[2]']);
    expect(fieldsOf(() => defineConnector(withChanges({ capabilities: ['ingest', 'actions', 'webhook', 'bidirectional', 'ticket'] })))).toEqual([
      'capabilities[4]',
    ]);
    expect(fieldsOf(() => defineConnector(withChanges({ capabilities: ['ingest', 'ingest', 'actions', 'webhook'] })))).toEqual(['capabilities[1]']);
    const ingestOnly = defineConnector(withChanges({ capabilities: ['ingest'], actions: [], webhook: undefined, streams }));
    expect(ingestOnly.capabilities).toEqual(['ingest']);
    expect(fieldsOf(() => defineConnector(withChanges({ capabilities: [], actions, webhook })))).toEqual(['capabilities']);
  });

  it('checks allowed hosts', () => {
    const fields = fieldsOf(() =>
      defineConnector(withChanges({ allowedHosts: ['https://api.acme.test', '*.com', 'API.ACME.TEST', 'api.acme.test:443', 'a.b', 'a.b', { fromConfig: 'tenant' }] })),
    );
    expect(fields).toEqual(['allowedHosts[0]', 'allowedHosts[1]', 'allowedHosts[2]', 'allowedHosts[3]', 'allowedHosts[5]', 'allowedHosts[6].fromConfig']);
    expect(fieldsOf(() => defineConnector(withChanges({ allowedHosts: [] })))).toEqual(['allowedHosts']);
  });

  it('checks the config schema: an object, JSON-representable, no credentials', () => {
    expect(fieldsOf(() => defineConnector(withChanges({ config: z.string() })))).toContain('config');
    expect(issuesOf(() => defineConnector(withChanges({ config: z.object({ since: z.date() }), allowedHosts: ['api.acme-edr.com'] })))[0]).toMatchObject({
      field: 'config',
      message: expect.stringContaining('JSON Schema'),
    });
    const withSecret = z.object({ region: z.string(), api_key: z.string() });
    expect(fieldsOf(() => defineConnector(withChanges({ config: withSecret, allowedHosts: ['api.acme-edr.com'] })))).toEqual(['config.api_key']);
  });

  it('checks the webhook feeds streams of this connector', () => {
    const webhook = { ...sampleDeclaration().webhook, streams: ['incidents'] };
    expect(fieldsOf(() => defineConnector(withChanges({ webhook })))).toEqual(['webhook.streams[0]']);
  });

  it('checks rate limits', () => {
    expect(fieldsOf(() => defineConnector(withChanges({ rateLimits: { burst: 5 } })))).toEqual(['rateLimits']);
    expect(fieldsOf(() => defineConnector(withChanges({ rateLimits: { perMinute: 0 } })))).toEqual(['rateLimits.perMinute']);
    expect(fieldsOf(() => defineConnector(withChanges({ rateLimits: { perMinute: 6000, perHour: 600 } })))).toEqual(['rateLimits.perMinute']);
    expect(fieldsOf(() => defineConnector(withChanges({ rateLimits: { perWeek: 5, perDay: 1 } })))).toEqual(['rateLimits.perWeek']);
  });

  it('reports lists that are not lists of declarations instead of crashing', () => {
    expect(fieldsOf(() => defineConnector(withChanges({ streams: { alerts: {} } })))).toContain('streams');
    expect(fieldsOf(() => defineConnector(withChanges({ actions: [undefined] })))).toContain('actions[0]');
  });

  it('checks nested streams and actions with their position in the field path', () => {
    const [stream] = sampleDeclaration().streams ?? [];
    const [, lift] = sampleDeclaration().actions ?? [];
    const badStream = { ...stream, name: 'Alerts' };
    const fields = fieldsOf(() => defineConnector(withChanges({ streams: [stream, badStream], actions: [{ ...lift, name: 'lift', reverse: undefined }] })));
    expect(fields).toEqual(['streams[1].name', 'actions[0].name']);
  });
});
