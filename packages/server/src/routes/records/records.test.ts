import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySource, memoryConnector } from '@patchbay/engine/testing';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';
import { inventoryConnector, type Device } from './inventory-connector.ts';

const finding = (n: number, title = `finding ${n}`) => ({ id: `f-${n}`, title, severity: n % 10, updated: 1_700_000_000_000 + n * 1000 });

describe.each(testDatabaseKinds())('records read API on %s', (kind) => {
  let hub: TestHub;
  const source = new MemorySource();
  const devices: { items: Device[] } = { items: [] };
  let findingsInstance: string;
  let inventoryInstance: string;

  const get = (url: string, role: 'viewer' | 'auditor' | 'admin' = 'viewer') => hub.app.inject({ method: 'GET', url, headers: hub.auth(role) });
  const sync = async (instanceId: string) => {
    const res = await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${instanceId}/sync`, headers: hub.auth('editor'), payload: {} });
    expect(res.statusCode).toBe(202);
    await hub.engine.sync.idle();
  };

  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { connectors: [memoryConnector(source), inventoryConnector(devices)] });
    const create = async (name: string, connector: string) => (await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: hub.auth('editor'), payload: { name, connector_id: connector } })).json().id as string;
    findingsInstance = await create('edr', 'memory-source');
    inventoryInstance = await create('cmdb', 'memory-inventory');
    source.items = [1, 2, 3, 4, 5, 8, 9].map((n) => finding(n));
    source.items.push({ ...finding(7), updated: 'not a time' as unknown as number });
    devices.items = [
      { id: 'd-1', hostname: 'web-1.example', seen: 1_700_000_000_000 },
      { id: 'd-2', hostname: 'db-1.example', seen: 1_700_000_000_000 },
    ];
    await sync(findingsInstance);
    await sync(inventoryInstance);
  });
  afterAll(() => hub.close());

  it('lists findings with provenance, newest first, paged with a cursor', async () => {
    const first = await get('/api/findings?limit=4');
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.items).toHaveLength(4);
    expect(page.next_cursor).toEqual(expect.any(String));
    const item = page.items[0];
    expect(item).toMatchObject({
      class_uid: 2004,
      class_name: 'detection_finding',
      category_uid: 2,
      data: { class_uid: 2004, finding_info: expect.any(Object) },
      provenance: { instance_id: findingsInstance, instance_name: 'edr', connector_id: 'memory-source', connector_version: '1.0.0', mapping_version: null, stream: 'findings', sync_execution_id: expect.any(String), raw_hash: expect.stringMatching(/^[0-9a-f]{64}$/), raw_size: expect.any(Number) },
    });
    expect(item).not.toHaveProperty('raw');
    const second = (await get(`/api/findings?limit=4&cursor=${page.next_cursor}`)).json();
    const ids = [...page.items, ...second.items].map((r: { provenance: { external_id: string } }) => r.provenance.external_id).sort();
    expect(ids).toEqual(['f-1', 'f-2', 'f-3', 'f-4', 'f-5', 'f-8', 'f-9']);
    expect(second.next_cursor).toBeNull();
  });

  it('filters by severity, time, text, source and class, and sorts on request', async () => {
    const ext = (res: { json(): { items: { provenance: { external_id: string } }[] } }) => res.json().items.map((r) => r.provenance.external_id).sort();
    expect(ext(await get('/api/findings?severity_id=4'))).toEqual(['f-8', 'f-9']);
    expect(ext(await get('/api/findings?min_severity_id=3'))).toEqual(['f-5', 'f-8', 'f-9']);
    expect(ext(await get(`/api/findings?occurred_from=${new Date(1_700_000_004_000).toISOString()}&occurred_to=${new Date(1_700_000_008_000).toISOString()}`))).toEqual(['f-4', 'f-5', 'f-8']);
    expect(ext(await get('/api/findings?q=FINDING%203'))).toEqual(['f-3']);
    expect(ext(await get('/api/findings?q=100%25'))).toEqual([]);
    expect(ext(await get(`/api/findings?instance_id=${inventoryInstance}`))).toEqual([]);
    expect(ext(await get('/api/findings?connector_id=memory-source&class_uid=2004&stream=findings'))).toHaveLength(7);
    expect(ext(await get('/api/records?class_uid=2004,5001'))).toHaveLength(9);
    const bySeverity = (await get('/api/findings?sort=severity_id&limit=3')).json();
    expect(bySeverity.items.map((r: { severity_id: number }) => r.severity_id)).toEqual([4, 4, 3]);
    const rest = (await get(`/api/findings?sort=severity_id&limit=10&cursor=${bySeverity.next_cursor}`)).json();
    expect(rest.items).toHaveLength(4);
    const wrongClass = await get('/api/findings?class_uid=5001');
    expect(wrongClass.statusCode).toBe(400);
    expect(wrongClass.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'class_uid' });
    expect((await get('/api/findings?cursor=nonsense')).json().code).toBe('INVALID_CURSOR');
  });

  it('reads one record per kind: another kind or another organisation is a 404', async () => {
    const [asset] = (await get('/api/assets?limit=1')).json().items;
    const one = await get(`/api/assets/${asset.id}`);
    expect(one.json()).toMatchObject({ id: asset.id, class_uid: 5001, raw: null, criticality: null, tags: [] });
    expect((await get(`/api/records/${asset.id}`)).statusCode).toBe(200);
    expect((await get(`/api/findings/${asset.id}`)).statusCode).toBe(404);
    expect((await get(`/api/vulnerabilities`)).json().items).toEqual([]);
    const other = await hub.addOrganization(`elsewhere-${kind}`);
    const hidden = await hub.app.inject({ method: 'GET', url: `/api/assets/${asset.id}`, headers: { authorization: `Bearer ${other.adminToken}` } });
    expect(hidden.statusCode).toBe(404);
    const none = await hub.app.inject({ method: 'GET', url: '/api/records', headers: { authorization: `Bearer ${other.adminToken}` } });
    expect(none.json().items).toEqual([]);
  });

  it('lists rejected records with their reason', async () => {
    const res = await get(`/api/records/rejected?instance_id=${findingsInstance}`, 'auditor');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([expect.objectContaining({ external_id: 'f-7', kind: 'invalid', stream: 'findings', reason: { errors: [expect.objectContaining({ path: '/time' })] }, raw: expect.objectContaining({ id: 'f-7' }) })]);
    expect((await get(`/api/records/rejected?kind=failed`)).json().items).toEqual([]);
  });

  it('sets criticality and tags on an asset (audited); a re-sync keeps them; deleted assets hide unless asked', async () => {
    const assets = (await get('/api/assets')).json().items as { id: string; data: { device: { uid: string } } }[];
    const web = assets.find((a) => a.data.device.uid === 'd-1')!;
    const patched = await hub.app.inject({ method: 'PATCH', url: `/api/assets/${web.id}`, headers: hub.auth('editor'), payload: { criticality: 'high', tags: ['pci', ' prod ', 'pci'] } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ criticality: 'high', tags: ['pci', 'prod'], annotation_sources: { criticality: 'api', tags: 'api' } });
    expect((await hub.app.inject({ method: 'PATCH', url: `/api/assets/${web.id}`, headers: hub.auth('viewer'), payload: { criticality: 'low' } })).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'PATCH', url: `/api/assets/${web.id}`, headers: hub.auth('editor'), payload: { criticality: 'urgent' } })).statusCode).toBe(400);
    const [finding1] = (await get('/api/findings?limit=1')).json().items;
    expect((await hub.app.inject({ method: 'PATCH', url: `/api/assets/${finding1.id}`, headers: hub.auth('editor'), payload: { criticality: 'low' } })).statusCode).toBe(404);
    const audit = await hub.db.database.query<{ action: string; target_id: string }>(`select action, target_id from audit_log where action = 'asset.annotated'`);
    expect(audit).toEqual([{ action: 'asset.annotated', target_id: web.id }]);

    devices.items = [{ id: 'd-1', hostname: 'web-1.renamed', seen: 1_700_000_100_000 }];
    hub.clock.advance(60_000);
    await sync(inventoryInstance);
    const after = (await get(`/api/assets/${web.id}`)).json();
    expect(after).toMatchObject({ criticality: 'high', tags: ['pci', 'prod'], revision: 2, data: { device: { hostname: 'web-1.renamed' } } });
    expect((await get('/api/assets?criticality=high')).json().items.map((a: { id: string }) => a.id)).toEqual([web.id]);
    expect((await get('/api/assets?tag=prod')).json().items).toHaveLength(1);
    expect((await get('/api/assets?tag=nope')).json().items).toHaveLength(0);
    expect((await get('/api/assets')).json().items).toHaveLength(1);
    const all = (await get('/api/assets?include_deleted=true')).json().items as { deleted_at: string | null }[];
    expect(all.filter((a) => a.deleted_at !== null)).toHaveLength(1);

    const cleared = await hub.app.inject({ method: 'PATCH', url: `/api/assets/${web.id}`, headers: hub.auth('admin'), payload: { criticality: null } });
    expect(cleared.json()).toMatchObject({ criticality: null, tags: ['pci', 'prod'], annotation_sources: { criticality: null, tags: 'api' } });
  });
});
