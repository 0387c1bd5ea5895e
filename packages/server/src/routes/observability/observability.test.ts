import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyConnector } from '@patchbay/sdk';
import { MemorySource, memoryConnector } from '@patchbay/engine/testing';
import { systemActor } from '@patchbay/engine';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { PatchbayError } from '@patchbay/types';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

const HOUR = 3_600_000;

/** The memory connector with a connection test that fails while `vendor.reject` is set. */
function testableConnector(source: MemorySource, vendor: { reject: boolean }): AnyConnector {
  return {
    ...memoryConnector(source),
    validate: async () => {
      if (vendor.reject) throw new PatchbayError('VENDOR_AUTH_FAILED', { message: 'The vendor refused the API key' });
      return { ok: true as const, details: { user: 'svc' } };
    },
  };
}

describe.each(testDatabaseKinds())('logs, health and metrics through the API on %s', (kind) => {
  let hub: TestHub;
  let other: { organizationId: string; adminToken: string };
  let instanceId: string;
  const source = new MemorySource();
  const vendor = { reject: false };
  const get = (url: string, role: 'viewer' | 'admin' | 'auditor' = 'viewer') => hub.app.inject({ method: 'GET', url, headers: hub.auth(role) });
  const theirs = (url: string) => hub.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${other.adminToken}` } });
  const sync = async () => {
    const res = await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${instanceId}/sync`, headers: hub.auth('editor'), payload: {} });
    await hub.engine.sync.idle();
    return res.json().executions[0].id as string;
  };

  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { connectors: [testableConnector(source, vendor)] });
    other = await hub.addOrganization('other');
    source.items = [1, 2, 3].map((n) => ({ id: `i-${n}`, title: `t${n}`, severity: n, updated: n }));
    const created = await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: hub.auth('editor'), payload: { name: 'mem', connector_id: 'memory-source' } });
    instanceId = created.json().id;
    await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${instanceId}/activate`, headers: hub.auth('editor') });
  });
  afterAll(() => hub.close());

  it('goes unhealthy after three failed syncs, with the last error and its kind, and healthy again after a success', async () => {
    const failures: string[] = [];
    for (let i = 0; i < 3; i++) {
      source.failAtPage = 0;
      hub.clock.advance(60_000);
      failures.push(await sync());
    }
    const health = await get(`/api/integration/health/${instanceId}`);
    expect(health.json()).toMatchObject({
      instance_id: instanceId,
      instance_name: 'mem',
      instance_status: 'error',
      state: 'unhealthy',
      consecutive_failures: 3,
      last_error: { code: 'VENDOR_UNAVAILABLE', kind: 'transient', message: 'simulated outage', operation: 'sync', sync_id: failures[2] },
      stale_streams: [],
    });
    const all = await get('/api/integration/health');
    expect(all.json()).toMatchObject({ status: 'unhealthy', counts: { unhealthy: 1 }, total: 1, items: [{ instance_id: instanceId, state: 'unhealthy' }], next_cursor: null });

    hub.clock.advance(60_000);
    await sync();
    expect((await get(`/api/integration/health/${instanceId}`)).json()).toMatchObject({ state: 'healthy', instance_status: 'active', consecutive_failures: 0 });
  });

  it('logs every operation and filters by level, operation, sync id, time, text and instance, page by page', async () => {
    hub.clock.advance(HOUR);
    const since = hub.clock.now().toISOString();
    source.failAtPage = 0;
    const failedId = await sync();
    vendor.reject = true;
    await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${instanceId}/test`, headers: hub.auth('editor') });
    // A failed sync, then a failed connection test: two in a row.
    expect((await get(`/api/integration/health/${instanceId}`)).json()).toMatchObject({ state: 'degraded', consecutive_failures: 2, last_error: { code: 'VENDOR_AUTH_FAILED', kind: 'auth', operation: 'connection_test', sync_id: null } });
    vendor.reject = false;
    hub.clock.advance(60_000);
    const okTest = await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${instanceId}/test`, headers: hub.auth('editor') });
    expect(okTest.json()).toMatchObject({ ok: true });
    expect((await get(`/api/integration/health/${instanceId}`)).json()).toMatchObject({ state: 'healthy', consecutive_failures: 0 });

    const bySync = await get(`/api/integration/logs?sync_id=${failedId}&level=error`);
    expect(bySync.json().items).toEqual([expect.objectContaining({ instance_id: instanceId, level: 'error', operation: 'sync', sync_id: failedId, message: 'Sync of stream findings failed: simulated outage (VENDOR_UNAVAILABLE)', details: expect.objectContaining({ error: expect.objectContaining({ code: 'VENDOR_UNAVAILABLE' }) }) })]);

    const tests = await get(`/api/integration/logs/${instanceId}?operation=connection_test`, 'auditor');
    expect(tests.json().items.map((e: { level: string; message: string }) => [e.level, e.message.replace(/\d+ ms/, 'N ms')])).toEqual([
      ['success', 'Connection test succeeded in N ms'],
      ['error', 'Connection test failed: The vendor refused the API key (VENDOR_AUTH_FAILED)'],
    ]);
    const text = await get(`/api/integration/logs?text=${encodeURIComponent('REFUSED the api')}`);
    expect(text.json().items).toHaveLength(1);
    const literal = await get(`/api/integration/logs?text=${encodeURIComponent('%')}`);
    expect(literal.json().items).toEqual([]);

    const recent = await get(`/api/integration/logs/${instanceId}?since=${encodeURIComponent(since)}&limit=2`);
    expect(recent.json().items).toHaveLength(2);
    const rest = await get(`/api/integration/logs/${instanceId}?since=${encodeURIComponent(since)}&limit=200&cursor=${recent.json().next_cursor}`);
    const everything = await get(`/api/integration/logs/${instanceId}?since=${encodeURIComponent(since)}&limit=200`);
    expect([...recent.json().items, ...rest.json().items]).toEqual(everything.json().items);
    expect(everything.json().items.every((e: { timestamp: string }) => e.timestamp >= since)).toBe(true);
    const before = await get(`/api/integration/logs/${instanceId}?until=${encodeURIComponent(since)}&limit=200`);
    expect(before.json().items.every((e: { timestamp: string }) => e.timestamp < since)).toBe(true);
    expect(before.json().items.length + everything.json().items.length).toBe((await get(`/api/integration/logs/${instanceId}?limit=200`)).json().items.length);

    const bad = await get('/api/integration/logs?level=fatal');
    expect(bad.statusCode).toBe(400);
    const cursor = await get('/api/integration/logs?cursor=bm90LWEtY3Vyc29y');
    expect(cursor.json().code).toBe('INVALID_CURSOR');
  });

  it('reports ConnectorMetrics per instance and as a series, counting operations and HTTP attempts', async () => {
    const instance = await hub.engine.instances.get(systemActor(hub.organizationId), instanceId);
    hub.engine.observability.observer.httpMetrics(instance, { operation: 'findings', method: 'GET', host: 'memory.invalid', status: 429, code: 'VENDOR_RATE_LIMITED', attempt: 1, durationMs: 40, bytes: 10, throttledMs: 0 });
    hub.engine.observability.observer.httpMetrics(instance, { operation: 'findings', method: 'GET', host: 'memory.invalid', status: 200, code: undefined, attempt: 2, durationMs: 60, bytes: 990, throttledMs: 0 });
    await hub.engine.observability.metrics.flush();
    const since = new Date(hub.clock.now().getTime() - 6 * HOUR).toISOString();
    const until = new Date(hub.clock.now().getTime() + HOUR).toISOString();

    const list = await get(`/api/integration/metrics?since=${since}&until=${until}`);
    expect(list.statusCode).toBe(200);
    const [mine] = list.json().items;
    expect(mine).toMatchObject({ instance_id: instanceId, connector_id: 'memory-source', api_calls: 2, data_transferred: 1000, throttling_events: 1, average_response_time: 50, availability_percentage: 100 });
    expect(mine).toMatchObject({ total_operations: 7, failed_operations: 5, error_rate: 71.43 }); // five syncs (four failed) and two connection tests (one failed)

    const series = await get(`/api/integration/metrics/${instanceId}?since=${since}&until=${until}&granularity=hour`);
    expect(series.json()).toMatchObject({ instance_id: instanceId, granularity: 'hour', totals: { api_calls: 2, total_operations: 7 } });
    expect(series.json().items.length).toBeGreaterThanOrEqual(2);
    expect(series.json().items.reduce((n: number, p: { total_operations: number }) => n + p.total_operations, 0)).toBe(7);

    const backwards = await get(`/api/integration/metrics?since=${until}&until=${since}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'query.since' });
  });

  it("hides one organisation's logs, health and metrics from another", async () => {
    for (const url of [`/api/integration/logs/${instanceId}`, `/api/integration/health/${instanceId}`, `/api/integration/metrics/${instanceId}`]) {
      const res = await theirs(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    expect((await theirs(`/api/integration/logs?instance_id=${instanceId}`)).json().items).toEqual([]);
    expect((await theirs('/api/integration/logs?limit=200')).json().items.every((e: { instance_id: string | null }) => e.instance_id !== instanceId)).toBe(true);
    expect((await theirs('/api/integration/health')).json()).toMatchObject({ status: 'unknown', total: 0, items: [] });
    expect((await theirs('/api/integration/metrics')).json().items).toEqual([]);
  });

  it('exposes per-instance health and counters on /metrics, labelled by instance and connector only', async () => {
    const res = await hub.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    const labels = `{instance_id="${instanceId}",connector_id="memory-source"}`;
    expect(res.body).toContain(`patchbay_instance_health${labels} 1`); // healthy: the last sync and the last connection test succeeded
    expect(res.body).toContain(`patchbay_sync_executions_total${labels} 5`);
    expect(res.body).toContain(`patchbay_sync_failures_total${labels} 4`);
    expect(res.body).toContain(`patchbay_sync_records_total${labels} 3`);
    expect(res.body).toContain(`patchbay_connector_api_calls_total${labels} 2`);
    expect(res.body).toContain(`patchbay_connector_throttling_events_total${labels} 1`);
    expect(res.body).toContain(`patchbay_instance_stale_streams${labels} 0`);
    const engineLines = res.body.split('\n').filter((l) => /^patchbay_(sync|connector|instance)_/.test(l));
    expect(engineLines.every((l) => /^\w+\{instance_id="[^"]+",connector_id="[^"]+"\} \d+$/.test(l))).toBe(true);
  });
});
