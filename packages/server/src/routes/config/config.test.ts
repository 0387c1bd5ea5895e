import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInConnectors, staticKeyProvider, type EngineOptions } from '@patchbay/engine';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { parse, stringify } from 'yaml';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';
import { actionLabConnector } from '../actions/action-lab-connector.ts';
import { inventoryConnector } from '../records/inventory-connector.ts';

const CANARY = `canary-${randomBytes(12).toString('hex')}`;
const syslog = builtInConnectors.find((c) => c.id === 'syslog')!;

function hubOptions(): Partial<EngineOptions> {
  return { connectors: [actionLabConnector, inventoryConnector({ items: [] }), syslog], vault: { keys: staticKeyProvider({ active: randomBytes(32) }) } };
}

describe.each(testDatabaseKinds())('configuration as code on %s', (kind) => {
  let source: TestHub;
  let target: TestHub;
  let exported: string;

  const call = async (hub: TestHub, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const res = await hub.app.inject({ method, url, headers: { ...hub.auth('admin'), ...headers }, payload: payload as string | object | undefined });
    expect(res.body).not.toContain(CANARY);
    return res;
  };
  const ok = async (hub: TestHub, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await call(hub, method, url, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const importYaml = (hub: TestHub, text: string, query = '') => call(hub, 'POST', `/api/admin/import${query}`, text, { 'content-type': 'application/yaml' });
  const exportOf = async (hub: TestHub) => {
    const res = await call(hub, 'GET', '/api/admin/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/yaml/);
    return res.body;
  };

  beforeAll(async () => {
    source = await createTestHub(kind, {}, hubOptions());
    target = await createTestHub(kind, {}, hubOptions());
    const credential = await ok(source, 'POST', '/api/integration/auth-configs', { name: 'lab-key', auth_type: 'api_key', credentials: { api_key: CANARY, header_name: 'X-Api-Key' } });
    const lab = await ok(source, 'POST', '/api/integration/instances', { name: 'lab', connector_id: 'action-lab', configuration: { base_url: 'https://lab.example.com' }, auth_config_id: credential.id });
    const inventory = await ok(source, 'POST', '/api/integration/instances', { name: 'inventory', connector_id: 'memory-inventory' });
    await ok(source, 'POST', '/api/integration/schedules', { instance_id: inventory.id, schedule_type: 'interval', interval_minutes: 30 });
    await ok(source, 'POST', '/api/integration/schedules', { instance_id: lab.id, schedule_type: 'event', event_trigger: 'sync.completed' });
    await ok(source, 'PUT', `/api/integration/instances/${lab.id}/action-limits`, { items: [{ action: 'isolate-host', max_runs: 5, per_seconds: 3600 }] });
    await ok(source, 'POST', '/api/integration/mappings', { name: 'upper', instance_id: inventory.id, stream: 'devices', field_mappings: { 'device.hostname': '$uppercase(ocsf.device.hostname)' } });
    const endpoint = await ok(source, 'POST', '/api/integration/webhooks', { url: 'https://hooks.example.com/patchbay', description: 'SOC' });
    await ok(source, 'POST', '/api/integration/event-subscriptions', { name: 'to soc', event_type: 'finding.created', action_type: 'webhook', action_config: { endpoint_id: endpoint.id } });
    await ok(source, 'POST', '/api/integration/event-subscriptions', { name: 'isolate on critical', event_type: 'finding.created', instance_id: inventory.id, filter_criteria: { severity_at_least: 5 }, action_type: 'action', action_config: { instance_id: lab.id, action: 'isolate-host', input: { host: 'web-1' } } });
    const siem = await ok(source, 'POST', '/api/integration/instances', { name: 'siem', connector_id: 'syslog', configuration: { host: 'siem.example.com', port: 6514, protocol: 'tls' } });
    await ok(source, 'POST', '/api/integration/destinations', { name: 'soc-cef', instance_id: siem.id, format: 'cef', event_type: 'finding.*', source_instance_id: inventory.id, filter_criteria: { severity_at_least: 4 } });
    await ok(source, 'POST', '/api/integration/destinations', { name: 'metrics', instance_id: siem.id, format: 'rfc5424', format_options: { app_name: 'patchbay-metrics', facility: 10 }, event_type: 'compliance.metrics', is_active: false });
    exported = await exportOf(source);
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('exports one YAML document keyed by names, credentials as named references, no secret', async () => {
    expect(exported).not.toContain(CANARY);
    expect(exported).not.toMatch(/whsec_/);
    const doc = parse(exported);
    expect(Object.keys(doc)).toEqual(['patchbay', 'credentials', 'instances', 'mappings', 'subscriptions', 'webhook_endpoints', 'destinations', 'sla_policies', 'ticket_rules']);
    expect(doc.credentials).toEqual([{ name: 'lab-key', auth_type: 'api_key' }]);
    expect(doc.instances.map((i: { name: string }) => i.name)).toEqual(['inventory', 'lab', 'siem']);
    expect(doc.instances[1]).toMatchObject({ connector: 'action-lab', connector_version: '1.0.0', credential: 'lab-key', configuration: { base_url: 'https://lab.example.com' }, action_limits: [{ action: 'isolate-host', max_runs: 5, per_seconds: 3600 }], schedules: [{ schedule_type: 'event', event_trigger: 'sync.completed' }] });
    expect(doc.instances[0].schedules).toEqual([expect.objectContaining({ schedule_type: 'interval', interval_minutes: 30 })]);
    expect(doc.mappings).toEqual([{ name: 'upper', instance: 'inventory', stream: 'devices', field_mappings: { 'device.hostname': '$uppercase(ocsf.device.hostname)' }, transformations: [], active: true }]);
    // The event schedule's own subscription is not listed: it comes back with the schedule.
    expect(doc.subscriptions.map((s: { name: string }) => s.name)).toEqual(['isolate on critical', 'to soc']);
    expect(doc.subscriptions[0]).toMatchObject({ instance: 'inventory', action: { instance: 'lab', action: 'isolate-host', input: { host: 'web-1' } } });
    expect(doc.subscriptions[1].action).toEqual({ endpoint: 'https://hooks.example.com/patchbay' });
    expect(doc.webhook_endpoints).toEqual([{ url: 'https://hooks.example.com/patchbay', description: 'SOC', is_active: true, allow_private_network: false }]);
    // Destinations: the sending and source instances by name, everything that defines one, not its cursor or health.
    expect(doc.destinations).toEqual([
      { name: 'metrics', instance: 'siem', format: 'rfc5424', format_options: { app_name: 'patchbay-metrics', facility: 10 }, event_type: 'compliance.metrics', source_instance: null, filter_criteria: {}, is_active: false },
      { name: 'soc-cef', instance: 'siem', format: 'cef', format_options: {}, event_type: 'finding.*', source_instance: 'inventory', filter_criteria: { severity_at_least: 4 }, is_active: true },
    ]);
  });

  it('refuses unknown keys and missing credentials with 400 naming them, and applies nothing', async () => {
    const empty = await exportOf(target);
    const doc = parse(exported);
    doc.instances[0].colour = 'red';
    doc.surprise = true;
    const res = await importYaml(target, stringify(doc));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('CONFIG_IMPORT_INVALID');
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['instances[0].colour', 'surprise']);
    const missing = await importYaml(target, exported);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'credentials[0].name', message: expect.stringMatching(/lab-key/) }), expect.objectContaining({ field: 'instances[1].credential' })]));
    expect(await exportOf(target)).toBe(empty);
    const broken = await importYaml(target, 'instances: [\n');
    expect(broken.json().code).toBe('CONFIG_IMPORT_INVALID');
  });

  it('plans with dry_run, applies atomically, round-trips to the same document, and is idempotent', async () => {
    await ok(target, 'POST', '/api/integration/auth-configs', { name: 'lab-key', auth_type: 'api_key', credentials: { api_key: `other-${CANARY.slice(7)}x`, header_name: 'X-Api-Key' } });
    const empty = await exportOf(target);
    const planned = await importYaml(target, exported, '?dry_run=true');
    expect(planned.statusCode, planned.body).toBe(200);
    expect(planned.json()).toMatchObject({ dry_run: true, applied: false, summary: { create: 9, update: 0, unchanged: 0, delete: 0 } });
    expect(planned.json().changes).toEqual(expect.arrayContaining([{ kind: 'destination', name: 'soc-cef', action: 'create' }, { kind: 'destination', name: 'metrics', action: 'create' }]));
    expect(await exportOf(target)).toBe(empty);

    const applied = await importYaml(target, exported);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json()).toMatchObject({ applied: true, summary: { create: 9 } });
    expect(await exportOf(target)).toBe(exported);

    const again = await importYaml(target, exported);
    expect(again.json()).toMatchObject({ applied: false, summary: { create: 0, update: 0, unchanged: 9, delete: 0 } });
    const asJson = await call(target, 'POST', '/api/admin/import', parse(exported));
    expect(asJson.json()).toMatchObject({ applied: false, summary: { unchanged: 9 } });
    const audit = (await ok(target, 'GET', '/api/admin/audit?limit=200')).items.map((r: { action: string }) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['instance.created', 'instance.action_limits_updated', 'event_subscription.created', 'destination.created']));
    const destinations = (await ok(target, 'GET', '/api/integration/destinations')).items;
    expect(destinations.map((d: { name: string; format: string; is_active: boolean }) => [d.name, d.format, d.is_active]).sort()).toEqual([
      ['metrics', 'rfc5424', false],
      ['soc-cef', 'cef', true],
    ]);
  });

  it('updates what changed, and deletes only with prune', async () => {
    const doc = parse(exported);
    doc.instances[0].schedules[0].interval_minutes = 15;
    doc.subscriptions = doc.subscriptions.filter((s: { name: string }) => s.name !== 'to soc');
    const text = stringify(doc);
    const kept = (await importYaml(target, text)).json();
    expect(kept.changes).toEqual(expect.arrayContaining([{ kind: 'instance', name: 'inventory', action: 'update' }]));
    expect(kept.summary).toMatchObject({ update: 1, delete: 0 });
    expect(parse(await exportOf(target)).subscriptions).toHaveLength(2);
    const pruned = (await importYaml(target, text, '?prune=true')).json();
    expect(pruned.changes).toEqual(expect.arrayContaining([{ kind: 'subscription', name: 'to soc', action: 'delete' }]));
    const now = parse(await exportOf(target));
    expect(now.subscriptions.map((s: { name: string }) => s.name)).toEqual(['isolate on critical']);
    expect(now.instances[0].schedules[0].interval_minutes).toBe(15);
  });

  it('rolls everything back when a change fails while applying', async () => {
    const before = await exportOf(target);
    const doc = parse(before);
    doc.instances.push({ ...doc.instances[0], name: 'extra', schedules: [] });
    doc.mappings.push({ ...doc.mappings[0], name: 'broken', instance: 'extra', field_mappings: { 'device.hostname': '$uppercase((' } });
    const aliased = await importYaml(target, stringify(doc));
    expect(aliased.json()).toMatchObject({ code: 'CONFIG_IMPORT_INVALID', errors: [{ field: 'body' }] });
    const res = await importYaml(target, stringify(doc, { aliasDuplicateObjects: false }));
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('MAPPING_INVALID');
    expect(await exportOf(target)).toBe(before);
  });

  it('updates a destination, names every problem of the destinations at once, and deletes one only with prune', async () => {
    type Destination = { name: string; instance: string; [key: string]: unknown };
    const doc = parse(await exportOf(target));
    const metrics = doc.destinations.find((d: Destination) => d.name === 'metrics');
    Object.assign(metrics, { format_options: { app_name: 'pb-metrics', facility: 10 }, is_active: true });
    const updated = (await importYaml(target, stringify(doc))).json();
    expect(updated.changes).toEqual(expect.arrayContaining([{ kind: 'destination', name: 'metrics', action: 'update' }, { kind: 'destination', name: 'soc-cef', action: 'unchanged' }]));
    const before = await exportOf(target);
    expect(parse(before).destinations[0]).toMatchObject({ name: 'metrics', format_options: { app_name: 'pb-metrics', facility: 10 }, is_active: true });

    const bad = parse(before);
    const soc: Destination = bad.destinations[1];
    bad.instances.push({ ...bad.instances.find((i: { name: string }) => i.name === 'siem'), name: 'siem-2' });
    bad.destinations.push(
      { ...soc, name: 'to-lab', instance: 'lab' },
      { ...soc, name: 'hec', format: 'splunk-hec' },
      { ...soc, name: 'template', format: 'jsonata', format_options: { template: '$uppercase((' } },
      { ...soc, name: 'ghost-source', source_instance: 'ghost' },
      { ...soc, name: 'filters', event_type: 'Not A Type', filter_criteria: { colour: 'red' } },
    );
    soc.instance = 'siem-2';
    const refused = await importYaml(target, stringify(bad, { aliasDuplicateObjects: false }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('CONFIG_IMPORT_INVALID');
    const errors: { field: string; message: string }[] = refused.json().errors;
    expect(errors.map((e) => e.field).sort()).toEqual(['destinations[1].instance', 'destinations[2].instance', 'destinations[3].format', 'destinations[4].format_options', 'destinations[5].source_instance', 'destinations[6].event_type', 'destinations[6].filter_criteria']);
    expect(errors.find((e) => e.field === 'destinations[1].instance')!.message).toMatch(/instance cannot change/);
    expect(errors.find((e) => e.field === 'destinations[2].instance')!.message).toMatch(/action-lab, which has no destination capability/);
    expect(errors.find((e) => e.field === 'destinations[3].format')!.message).toMatch(/syslog takes rfc5424, cef, leef, jsonata, not splunk-hec/);
    expect(await exportOf(target)).toBe(before);

    const fewer = parse(before);
    fewer.destinations = fewer.destinations.filter((d: Destination) => d.name !== 'soc-cef');
    const kept = (await importYaml(target, stringify(fewer))).json();
    expect(kept.summary.delete).toBe(0);
    expect(parse(await exportOf(target)).destinations).toHaveLength(2);
    const pruned = (await importYaml(target, stringify(fewer), '?prune=true')).json();
    expect(pruned.changes).toEqual(expect.arrayContaining([{ kind: 'destination', name: 'soc-cef', action: 'delete' }]));
    expect(parse(await exportOf(target)).destinations.map((d: Destination) => d.name)).toEqual(['metrics']);
    const audit = (await ok(target, 'GET', '/api/admin/audit?limit=200')).items.map((r: { action: string }) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['destination.updated', 'destination.deleted']));
  });

  it('is admin only', async () => {
    expect((await target.app.inject({ method: 'GET', url: '/api/admin/export', headers: target.auth('editor') })).statusCode).toBe(403);
    expect((await target.app.inject({ method: 'POST', url: '/api/admin/import', headers: { ...target.auth('viewer'), 'content-type': 'application/yaml' }, payload: exported })).statusCode).toBe(403);
  });
});
