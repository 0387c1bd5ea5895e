import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestHub, type TestHub } from './testing/test-hub.ts';
import { routeTable } from './route-table.ts';

describe('OpenAPI document', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub('pglite');
  });
  afterAll(() => hub.close());

  it('is a valid OpenAPI 3.1 document covering every route', async () => {
    const res = await hub.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const def of routeTable) {
      const path = def.url.replace(/:(\w+)/g, '{$1}');
      expect(doc.paths[path]?.[def.method.toLowerCase()], `${def.method} ${path}`).toBeDefined();
    }
  });

  it('serves browsable docs', async () => {
    const res = await hub.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/swagger/i);
  });

  it('serves Prometheus metrics with request counts', async () => {
    await hub.app.inject({ method: 'GET', url: '/healthz' });
    const res = await hub.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toMatch(/patchbay_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(res.body).toMatch(/patchbay_http_request_duration_seconds_bucket/);
  });

  it('protects metrics with PATCHBAY_METRICS_TOKEN when set', async () => {
    const guarded = await createTestHub('pglite', { metricsToken: 'metrics-secret-123' });
    try {
      expect((await guarded.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
      const ok = await guarded.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer metrics-secret-123' } });
      expect(ok.statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});
