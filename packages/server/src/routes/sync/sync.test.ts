import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySource, memoryConnector } from '@patchbay/engine/testing';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

describe.each(testDatabaseKinds())('manual sync and connection test through the API on %s', (kind) => {
  let hub: TestHub;
  const source = new MemorySource();
  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { connectors: [memoryConnector(source)] });
  });
  afterAll(() => hub.close());

  it('answers 202 with pending executions, then shows them completed with counters', async () => {
    source.items = [1, 2, 3].map((n) => ({ id: `i-${n}`, title: `t${n}`, severity: n, updated: 1_700_000_000_000 + n }));
    const created = await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: hub.auth('editor'), payload: { name: 'mem', connector_id: 'memory-source' } });
    const id = created.json().id;
    const started = await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${id}/sync`, headers: hub.auth('editor'), payload: {} });
    expect(started.statusCode).toBe(202);
    const [execution] = started.json().executions;
    expect(execution).toMatchObject({ instance_id: id, stream: 'findings', trigger: 'manual' });
    await hub.engine.sync.idle();
    const read = await hub.app.inject({ method: 'GET', url: `/api/integration/sync-executions/${execution.id}`, headers: hub.auth('viewer') });
    expect(read.json()).toMatchObject({ status: 'completed', records_created: 3, records_processed: 3, pages: 2 });
    const list = await hub.app.inject({ method: 'GET', url: `/api/integration/sync-executions?instance_id=${id}`, headers: hub.auth('auditor') });
    expect(list.json().items).toHaveLength(1);
    const other = await hub.addOrganization('elsewhere');
    const hidden = await hub.app.inject({ method: 'GET', url: `/api/integration/sync-executions/${execution.id}`, headers: { authorization: `Bearer ${other.adminToken}` } });
    expect(hidden.statusCode).toBe(404);
  });

  it('rejects an unknown stream naming it', async () => {
    const created = await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: hub.auth('editor'), payload: { name: 'mem2', connector_id: 'memory-source' } });
    const res = await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${created.json().id}/sync`, headers: hub.auth('editor'), payload: { stream: 'nope' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND', field: 'stream' });
  });

  it('reports a connector without a connection test as not testable', async () => {
    const created = await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: hub.auth('editor'), payload: { name: 'mem3', connector_id: 'memory-source' } });
    const res = await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${created.json().id}/test`, headers: hub.auth('editor') });
    expect(res.json()).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
  });
});
