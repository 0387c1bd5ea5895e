import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySource, memoryConnector } from '@patchbay/engine/testing';
import { testDatabaseKinds } from '@patchbay/store/testing';
import type { Role } from '@patchbay/types';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

const item = (n: number) => ({ id: `f-${n}`, title: `finding ${n}`, severity: n % 10, updated: 1_700_000_000_000 + n });

describe.each(testDatabaseKinds())('live stream samples over the API on %s', (kind) => {
  let hub: TestHub;
  const source = new MemorySource();
  let instanceId: string;

  const sample = (payload: Record<string, unknown> = {}, role: Role = 'editor', stream = 'findings') =>
    hub.app.inject({ method: 'POST', url: `/api/integration/instances/${instanceId}/streams/${stream}/sample`, headers: hub.auth(role), payload });
  const count = async (sql: string) => (await hub.db.database.query<{ n: number }>(sql))[0]!.n;
  const stored = async () => ({
    records: await count('select count(*)::int as n from records'),
    outbox: await count('select count(*)::int as n from outbox'),
    streamStates: await count('select count(*)::int as n from stream_states'),
    executions: await count('select count(*)::int as n from sync_executions'),
  });

  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { connectors: [memoryConnector(source, { fullRefresh: true })] });
    instanceId = (await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: hub.auth('editor'), payload: { name: 'edr', connector_id: 'memory-source' } })).json().id;
    source.items = [1, 2, 3, 4, 5].map(item);
    source.pageSize = 4;
  });
  afterAll(() => hub.close());

  it("returns the first page's raw records, reads no further and stores nothing", async () => {
    const before = await stored();
    const res = await sample();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ latency_ms: expect.any(Number), page_records: 4, note: null, items: [1, 2, 3, 4].map((n) => ({ external_id: `f-${n}`, raw: item(n) })) });
    expect(source.fetches).toBe(1);
    expect(await stored()).toEqual(before);
    const logs = (await hub.app.inject({ method: 'GET', url: `/api/integration/logs?instance_id=${instanceId}&operation=sample`, headers: hub.auth('viewer') })).json();
    expect(logs.items).toEqual([expect.objectContaining({ level: 'success', operation: 'sample', message: expect.stringMatching(/^Live sample of stream findings: 4 record\(s\) in \d+ ms$/) })]);
  });

  it('honours limit (1-50), and says so when the first page is empty', async () => {
    const one = (await sample({ limit: 2 })).json();
    expect(one).toMatchObject({ page_records: 4, items: [{ external_id: 'f-1' }, { external_id: 'f-2' }] });
    expect((await sample({ limit: 51 })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await sample({ limit: 0 })).statusCode).toBe(400);

    const kept = source.items;
    source.items = [];
    expect((await sample({})).json()).toEqual({ latency_ms: expect.any(Number), page_records: 0, note: expect.stringMatching(/held no records/), items: [] });
    source.items = kept;
  });

  it('is for editors and admins: a viewer gets 403; an unknown stream or instance is a 404', async () => {
    const fetches = source.fetches;
    for (const role of ['viewer', 'auditor'] as const) expect((await sample({}, role)).json()).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await sample({}, 'admin')).statusCode).toBe(200);
    expect(source.fetches).toBe(fetches + 1);
    expect((await sample({}, 'editor', 'nope')).json()).toMatchObject({ status: 404, code: 'NOT_FOUND', field: 'stream', hint: expect.stringMatching(/findings/) });
    const other = await hub.addOrganization(`live-sample-${kind}`);
    const foreign = await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${instanceId}/streams/findings/sample`, headers: { authorization: `Bearer ${other.adminToken}` }, payload: {} });
    expect(foreign.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('answers a vendor error with its problem, logged, with nothing stored', async () => {
    const before = await stored();
    source.failAtPage = 0;
    const res = await sample({});
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'VENDOR_UNAVAILABLE', detail: 'simulated outage' });
    expect(await stored()).toEqual(before);
    const logs = (await hub.app.inject({ method: 'GET', url: `/api/integration/logs?instance_id=${instanceId}&operation=sample&level=error`, headers: hub.auth('viewer') })).json();
    expect(logs.items).toEqual([expect.objectContaining({ message: 'Live sample of stream findings failed: simulated outage (VENDOR_UNAVAILABLE)' })]);
  });
});
