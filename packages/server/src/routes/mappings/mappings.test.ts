import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySource, memoryConnector } from '@patchbay/engine/testing';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';
import { inventoryConnector, type Device } from '../records/inventory-connector.ts';

const item = (n: number, title = `finding ${n}`) => ({ id: `f-${n}`, title, severity: n % 10, updated: 1_700_000_000_000 + n });

describe.each(testDatabaseKinds())('data mappings API on %s', (kind) => {
  let hub: TestHub;
  const source = new MemorySource();
  const devices: { items: Device[] } = { items: [] };
  let instanceId: string;
  let inventoryId: string;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, role: 'editor' | 'viewer' | 'admin' = 'editor') =>
    hub.app.inject({ method, url, headers: hub.auth(role), payload: payload as Record<string, unknown> | undefined });
  const sync = async (id: string) => {
    expect((await call('POST', `/api/integration/instances/${id}/sync`, {})).statusCode).toBe(202);
    await hub.engine.sync.idle();
  };

  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { connectors: [memoryConnector(source), inventoryConnector(devices)] });
    instanceId = (await call('POST', '/api/integration/instances', { name: 'edr', connector_id: 'memory-source' })).json().id;
    inventoryId = (await call('POST', '/api/integration/instances', { name: 'cmdb', connector_id: 'memory-inventory' })).json().id;
  });
  afterAll(() => hub.close());

  it('refuses an expression that does not parse with a 400 naming the field and the position, and unknown targets', async () => {
    const bad = await call('POST', '/api/integration/mappings', { name: 'm', instance_id: instanceId, stream: 'findings', field_mappings: { 'finding_info.title': '$uppercase(raw.title' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'MAPPING_INVALID', field: 'field_mappings.finding_info.title', detail: expect.stringMatching(/position \d+/) });
    const path = await call('POST', '/api/integration/mappings', { name: 'm', instance_id: instanceId, stream: 'findings', field_mappings: { 'finding_info.titel': 'raw.title' } });
    expect(path.json()).toMatchObject({ code: 'MAPPING_INVALID', field: 'field_mappings.finding_info.titel', detail: expect.stringMatching(/did you mean title/) });
    const stream = await call('POST', '/api/integration/mappings', { name: 'm', instance_id: instanceId, stream: 'nope', field_mappings: {} });
    expect(stream.json()).toMatchObject({ code: 'NOT_FOUND', field: 'stream' });
    expect((await call('POST', '/api/integration/mappings', { name: 'm', instance_id: instanceId, stream: 'findings', field_mappings: {} }, 'viewer')).statusCode).toBe(403);
  });

  it('creates, versions, validates, tests and deletes a mapping, with audit rows; one active per stream', async () => {
    const created = await call('POST', '/api/integration/mappings', {
      name: 'titles',
      instance_id: instanceId,
      stream: 'findings',
      field_mappings: { 'finding_info.title': '"[" & raw.id & "] " & ocsf.finding_info.title', 'finding_info.desc': 'raw.missing' },
      source_schema: { id: 'string', title: 'string' },
    });
    expect(created.statusCode).toBe(201);
    const mapping = created.json();
    expect(mapping).toMatchObject({ name: 'titles', version: 1, active: true, stream: 'findings', transformations: [] });

    const twin = await call('POST', '/api/integration/mappings', { name: 'other', instance_id: instanceId, stream: 'findings', field_mappings: {} });
    expect(twin.statusCode).toBe(409);
    expect(twin.json()).toMatchObject({ code: 'MAPPING_ACTIVE_EXISTS' });
    const draft = await call('POST', '/api/integration/mappings', { name: 'draft', instance_id: instanceId, stream: 'findings', field_mappings: {}, active: false });
    expect(draft.json()).toMatchObject({ version: 2, active: false });
    expect((await call('POST', '/api/integration/mappings', { name: 'draft', instance_id: instanceId, stream: 'findings', field_mappings: {}, active: false })).json().code).toBe('ALREADY_EXISTS');
    expect((await call('DELETE', `/api/integration/mappings/${draft.json().id}`)).statusCode).toBe(204);

    const updated = await call('PUT', `/api/integration/mappings/${mapping.id}`, { name: 'titles', field_mappings: { 'finding_info.title': '$uppercase(ocsf.finding_info.title)', severity_id: '$number(raw.severity) >= 8 ? 5 : ocsf.severity_id' }, transformations: [{ remove: 'metadata.product.vendor_name' }] });
    expect(updated.json()).toMatchObject({ version: 3, field_mappings: { severity_id: expect.any(String) } });
    expect((await call('PUT', `/api/integration/mappings/${mapping.id}`, { name: 'titles', stream: 'other', field_mappings: {} })).json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'stream' });
    const versions = (await call('GET', `/api/integration/mappings/${mapping.id}/versions`, undefined, 'viewer')).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([3, 1]);

    const validation = await call('POST', `/api/integration/mappings/${mapping.id}/validate`, undefined, 'viewer');
    expect(validation.json()).toEqual({ valid: true, target_schema: { class_uid: 2004, class_name: 'detection_finding' }, errors: [], warnings: [] });

    const tested = await call('POST', `/api/integration/mappings/${mapping.id}/test`, { samples: [item(9, 'nine'), { ...item(2), severity: 'x' }, { title: 'no id' }] });
    expect(tested.statusCode).toBe(200);
    const [ok, failed, noId] = tested.json().results;
    expect(ok).toMatchObject({ index: 0, external_id: 'f-9', ok: true, mapped: { finding_info: { title: 'nine' } }, output: { finding_info: { title: 'NINE' }, severity_id: 5, metadata: { product: { name: 'Memory' } } }, errors: [] });
    expect(ok.output.metadata.product).not.toHaveProperty('vendor_name');
    expect(failed).toMatchObject({ ok: false, external_id: 'f-2', errors: [{ field: 'field_mappings.severity_id', code: 'MAPPING_FAILED', message: expect.stringMatching(/Unable to cast/) }] });
    expect(noId).toMatchObject({ ok: false, external_id: null, mapped: expect.any(Object) });

    const list = (await call('GET', `/api/integration/mappings?instance_id=${instanceId}`, undefined, 'viewer')).json();
    expect(list.items.map((m: { id: string }) => m.id)).toEqual([mapping.id]);
    const other = await hub.addOrganization(`other-${kind}`);
    const hidden = await hub.app.inject({ method: 'GET', url: `/api/integration/mappings/${mapping.id}`, headers: { authorization: `Bearer ${other.adminToken}` } });
    expect(hidden.statusCode).toBe(404);
    const foreign = await hub.app.inject({ method: 'POST', url: '/api/integration/mappings', headers: { authorization: `Bearer ${other.adminToken}` }, payload: { name: 'x', instance_id: instanceId, stream: 'findings', field_mappings: {} } });
    expect(foreign.json()).toMatchObject({ code: 'NOT_FOUND', field: 'instance_id' });

    const audit = await hub.db.database.query<{ action: string }>(`select action from audit_log where action like 'mapping.%' order by seq`);
    expect(audit.map((a) => a.action)).toEqual(['mapping.created', 'mapping.created', 'mapping.deleted', 'mapping.updated']);
  });

  it('applies the active mapping during syncs: records carry its version; a record it fails on is rejected with the field', async () => {
    source.items = [item(1, 'one'), item(8, 'eight'), { ...item(3), severity: 'bad' as unknown as number }];
    await sync(instanceId);
    const findings = (await call('GET', '/api/findings', undefined, 'viewer')).json().items as { data: { finding_info: { title: string }; severity_id: number }; provenance: { mapping_version: number; external_id: string } }[];
    const byId = Object.fromEntries(findings.map((f) => [f.provenance.external_id, f]));
    expect(byId['f-1']).toMatchObject({ data: { finding_info: { title: 'ONE' } }, provenance: { mapping_version: 3 } });
    expect(byId['f-8']).toMatchObject({ data: { severity_id: 5 } });
    expect(byId['f-3']).toBeUndefined();
    const rejected = (await call('GET', `/api/records/rejected?instance_id=${instanceId}&kind=failed`, undefined, 'viewer')).json().items;
    expect(rejected).toEqual([expect.objectContaining({ external_id: 'f-3', reason: expect.objectContaining({ field: 'field_mappings.severity_id', code: 'MAPPING_FAILED' }) })]);
    const [execution] = (await call('GET', `/api/integration/sync-executions?instance_id=${instanceId}`, undefined, 'viewer')).json().items;
    expect(execution).toMatchObject({ records_created: 2, records_failed: 1 });
  });

  it("sets asset criticality and tags from a mapping; the API's values win and survive re-syncs", async () => {
    devices.items = [
      { id: 'd-1', hostname: 'pay-1.example', seen: 1_700_000_000_000 },
      { id: 'd-2', hostname: 'dev-1.example', seen: 1_700_000_000_000 },
    ];
    const invalid = await call('POST', '/api/integration/mappings', { name: 'a', instance_id: instanceId, stream: 'findings', field_mappings: { 'patchbay.criticality': '"high"' } });
    expect(invalid.json()).toMatchObject({ code: 'MAPPING_INVALID', field: 'field_mappings.patchbay.criticality' });
    const mapping = await call('POST', '/api/integration/mappings', {
      name: 'tiers',
      instance_id: inventoryId,
      stream: 'devices',
      field_mappings: { 'patchbay.criticality': '$contains(raw.hostname, "pay") ? "critical" : "low"', 'patchbay.tags': '[$substringBefore(raw.hostname, "-")]' },
    });
    expect(mapping.statusCode).toBe(201);
    await sync(inventoryId);
    const assets = (await call('GET', '/api/assets', undefined, 'viewer')).json().items as { id: string; criticality: string; tags: string[]; annotation_sources: object; data: { device: { uid: string } } }[];
    const pay = assets.find((a) => a.data.device.uid === 'd-1')!;
    expect(pay).toMatchObject({ criticality: 'critical', tags: ['pay'], annotation_sources: { criticality: 'mapping', tags: 'mapping' } });
    expect((await call('GET', '/api/assets?criticality=low', undefined, 'viewer')).json().items).toHaveLength(1);

    await hub.app.inject({ method: 'PATCH', url: `/api/assets/${pay.id}`, headers: hub.auth('editor'), payload: { criticality: 'medium' } });
    hub.clock.advance(60_000);
    await sync(inventoryId);
    expect((await call('GET', `/api/assets/${pay.id}`, undefined, 'viewer')).json()).toMatchObject({ criticality: 'medium', tags: ['pay'], annotation_sources: { criticality: 'api', tags: 'mapping' } });

    // Without the mapping, its annotations go with the next sync; the API's stay.
    await call('DELETE', `/api/integration/mappings/${mapping.json().id}`);
    hub.clock.advance(60_000);
    await sync(inventoryId);
    expect((await call('GET', `/api/assets/${pay.id}`, undefined, 'viewer')).json()).toMatchObject({ criticality: 'medium', tags: [], annotation_sources: { criticality: 'api', tags: null }, provenance: { mapping_version: null } });
  });
});
