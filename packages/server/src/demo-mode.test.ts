import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub } from './testing/test-hub.ts';

describe('demo mode in the API', () => {
  let demo: TestHub;
  let real: TestHub;

  beforeAll(async () => {
    demo = await createTestHub('pglite', {}, { demo: true });
    real = await createTestHub('pglite');
  }, 60_000);
  afterAll(async () => {
    await demo?.close();
    await real?.close();
  });

  it('says so to anyone in GET /api/system/info, so the sign-in screen can show it', async () => {
    const res = await demo.app.inject({ method: 'GET', url: '/api/system/info' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ demo: true });
    expect(res.headers['x-patchbay-demo']).toBe('true');
  });

  it('marks every response with x-patchbay-demo: signed-in reads, refusals and health checks', async () => {
    const responses = [
      await demo.app.inject({ method: 'GET', url: '/api/auth/me', headers: demo.auth('viewer') }),
      await demo.app.inject({ method: 'GET', url: '/api/integration/instances' }),
      await demo.app.inject({ method: 'GET', url: '/healthz' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 401, 200]);
    for (const res of responses) expect(res.headers['x-patchbay-demo']).toBe('true');
  });

  it('a real installation says demo: false and sends no demo header', async () => {
    const res = await real.app.inject({ method: 'GET', url: '/api/system/info' });
    expect(res.json()).toEqual({ demo: false });
    const me = await real.app.inject({ method: 'GET', url: '/api/auth/me', headers: real.auth('admin') });
    expect(me.statusCode).toBe(200);
    for (const r of [res, me]) expect(r.headers['x-patchbay-demo']).toBeUndefined();
  });
});
