import { afterEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { z } from 'zod';
import { defineConnector, defineStream, type HttpMetrics, type Transport } from '@patchbay/sdk';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine } from '../create-engine.ts';
import { systemActor } from '../lib/actor.ts';
import { mapMemoryItem, type MemoryItem } from '../testing/memory-source.ts';
import { valuesOf, emptySums } from './metric-values.ts';

const HOUR = 3_600_000;

const attempt = (over: Partial<HttpMetrics> = {}): HttpMetrics => ({ operation: 'findings', method: 'GET', host: 'api.example.test', status: 200, code: undefined, attempt: 1, durationMs: 100, bytes: 1000, throttledMs: 0, ...over });

/** A vendor that serves two pages of items over HTTP, through a transport that never touches the network. */
function httpVendor() {
  const pages: MemoryItem[][] = [[{ id: 'a', title: 'a', severity: 1, updated: 1 }], [{ id: 'b', title: 'b', severity: 9, updated: 2 }], []];
  const transport: Transport = {
    addressCheck: 'offline',
    async send(request) {
      const page = Number(request.url.searchParams.get('page'));
      const body = new TextEncoder().encode(JSON.stringify({ items: pages[page] ?? [] }));
      return { status: 200, headers: new Headers({ 'content-type': 'application/json' }), body: (async function* () { yield body; })() };
    },
  };
  const connector = defineConnector({
    id: 'http-source',
    name: 'HTTP Source',
    vendor: 'Patchbay tests',
    category: 'other',
    version: '1.0.0',
    description: 'Pages of findings over HTTP, for metrics tests',
    features: ['tests'],
    icon: '🧪',
    docsUrl: 'https://example.invalid/http',
    auth: [],
    config: z.object({}),
    capabilities: ['ingest'],
    allowedHosts: ['api.example.test'],
    minPlatformVersion: '0.1.0',
    streams: [
      defineStream({
        name: 'findings',
        ocsf: { class: 'detection_finding', classUid: 2004 },
        primaryKey: 'id',
        checkpoint: z.object({ page: z.number().int() }),
        fullRefresh: false,
        permissions: [],
        async *fetch(ctx, checkpoint) {
          for (let page = checkpoint?.page ?? 0; ; page++) {
            const res = await ctx.http.get<{ items: MemoryItem[] }>('https://api.example.test/items', { query: { page }, operation: 'findings' });
            if (res.body.items.length === 0) return;
            yield { records: res.body.items, checkpoint: { page: page + 1 } };
          }
        },
        map: (raw: MemoryItem) => mapMemoryItem(raw),
      }),
    ],
  });
  return { connector, transport };
}

describe('metric values', () => {
  it('derives availability, average response time and error rate from sums, and nothing from nothing', () => {
    expect(valuesOf(emptySums())).toMatchObject({ availabilityPercentage: null, averageResponseTimeMs: null, errorRate: null });
    expect(valuesOf({ ...emptySums(), apiCalls: 4, unavailableCalls: 1, responseTimeMsTotal: 1000, operations: 3, failedOperations: 1 })).toMatchObject({ availabilityPercentage: 75, averageResponseTimeMs: 250, errorRate: 33.33 });
    expect(valuesOf({ ...emptySums(), operations: 4, failedOperations: 1 })).toMatchObject({ availabilityPercentage: 75, averageResponseTimeMs: null });
  });
});

describe.each(testDatabaseKinds())('connector metrics on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setup() {
    t = await createTestDatabase(kind);
    const vendor = httpVendor();
    const clock = new ManualClock('2026-05-01T10:00:00Z');
    const engine = createEngine({ database: t.database, clock, log: pino({ level: 'silent' }), connectors: [vendor.connector], transport: vendor.transport, observability: { flushEveryMs: 30_000 } });
    const boot = await engine.start();
    const actor = systemActor(boot!.organizationId, 'test');
    const instance = await engine.instances.create(actor, { name: 'http', connectorId: 'http-source' });
    const q = <T>(sql: string, params: unknown[] = []) => t!.database.query<T>(sql, params);
    return { clock, engine, actor, instance, q };
  }

  it('buffers HTTP attempts in memory, writes them by the hour after the flush interval, and aggregates any range', async () => {
    const { clock, engine, actor, instance, q } = await setup();
    const observer = engine.observability.observer;
    observer.httpMetrics(instance, attempt({ durationMs: 100 }));
    observer.httpMetrics(instance, attempt({ durationMs: 300, status: 503, code: 'VENDOR_UNAVAILABLE', bytes: 50 }));
    observer.httpMetrics(instance, attempt({ status: 429, code: 'VENDOR_RATE_LIMITED', durationMs: 20, bytes: 0 }));
    observer.httpMetrics(instance, attempt({ throttledMs: 1500, durationMs: 180 }));
    expect(await q(`select * from connector_metrics`)).toEqual([]); // no write per request

    clock.advance(HOUR); // the next attempt is in the next hour and finds the last flush old: everything is written
    observer.httpMetrics(instance, attempt({ durationMs: 400, bytes: 500 }));
    const rows = await vi.waitFor(async () => {
      const found = await q<{ period_start: Date; api_calls: number }>(`select period_start, api_calls from connector_metrics order by period_start`);
      expect(found).toHaveLength(2);
      return found;
    });
    expect(rows).toEqual([
      { period_start: new Date('2026-05-01T10:00:00Z'), api_calls: 4 },
      { period_start: new Date('2026-05-01T11:00:00Z'), api_calls: 1 },
    ]);

    const range = { since: new Date('2026-05-01T10:30:00Z'), until: new Date('2026-05-01T12:00:00Z') };
    const { totals, series } = await engine.observability.metrics.series(actor, instance.id, range, 'hour', {});
    expect(totals).toMatchObject({ apiCalls: 5, apiErrors: 2, unavailableCalls: 1, availabilityPercentage: 80, averageResponseTimeMs: 200, bytes: 2550, throttlingEvents: 2, throttledMs: 1500, operations: 0, errorRate: null });
    expect(series.items.map((p) => [p.periodStart.toISOString(), p.apiCalls, p.averageResponseTimeMs])).toEqual([
      ['2026-05-01T10:00:00.000Z', 4, 150],
      ['2026-05-01T11:00:00.000Z', 1, 400],
    ]);
    const daily = await engine.observability.metrics.series(actor, instance.id, range, 'day', {});
    expect(daily.series.items).toMatchObject([{ periodStart: new Date('2026-05-01T00:00:00Z'), apiCalls: 5 }]);
    const paged = await engine.observability.metrics.series(actor, instance.id, range, 'hour', { limit: 1 });
    const next = await engine.observability.metrics.series(actor, instance.id, range, 'hour', { limit: 1, cursor: paged.series.nextCursor! });
    expect([paged.series.items[0]!.apiCalls, next.series.items[0]!.apiCalls, next.series.nextCursor]).toEqual([4, 1, null]);
    const onlyLater = await engine.observability.metrics.byInstance(actor, { since: new Date('2026-05-01T11:00:00Z'), until: new Date('2026-05-01T12:00:00Z') }, {});
    expect(onlyLater.page.items).toMatchObject([{ instanceId: instance.id, instanceName: 'http', connectorId: 'http-source', apiCalls: 1, bytes: 500 }]);
  });

  it('counts a real sync: its HTTP calls, bytes, the operation and the records, in the database and the Prometheus counters', async () => {
    const { clock, engine, actor, instance } = await setup();
    const [run] = await engine.sync.runNow(actor, instance.id);
    expect(run).toMatchObject({ status: 'completed', recordsProcessed: 2 });
    const { totals } = await engine.observability.metrics.series(actor, instance.id, { since: new Date(clock.now().getTime() - HOUR), until: new Date(clock.now().getTime() + HOUR) }, 'hour', {});
    expect(totals).toMatchObject({ apiCalls: 3, apiErrors: 0, operations: 1, failedOperations: 0, recordsProcessed: 2, availabilityPercentage: 100, errorRate: 0 });
    expect(totals.bytes).toBeGreaterThan(0);
    const labels = { instanceId: instance.id, connectorId: 'http-source' };
    expect(engine.observability.prometheus.counter('apiCalls')).toEqual([{ ...labels, value: 3 }]);
    expect(engine.observability.prometheus.counter('recordsSynced')).toEqual([{ ...labels, value: 2 }]);
    expect(engine.observability.prometheus.counter('syncFailures')).toEqual([]);
    expect(await engine.observability.prometheus.health()).toEqual([{ ...labels, state: 'healthy', staleStreams: 0 }]);
  });
});
