import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { roles } from '@patchbay/types';
import pino from 'pino';
import { buildServer } from './build-server.ts';
import { accessRoles } from './route-def.ts';
import { routeTable } from './route-table.ts';
import { createTestHub, type TestHub } from './testing/test-hub.ts';

/** Routes served outside the route table (documents, not resources). */
const outsideTable = new Set(['GET /api/openapi.json', 'GET /metrics']);

function concrete(url: string): string {
  return url.replace(/:id\b/g, randomUUID()).replace(/:(\w+)/g, 'x');
}

describe('route table', () => {
  it('gives every route an access rule the server understands', () => {
    for (const def of routeTable) {
      expect(def.access === 'public' || def.access in accessRoles, `${def.method} ${def.url}`).toBe(true);
    }
  });
});

describe.each(testDatabaseKinds())('role matrix on %s', (kind) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(kind);
  });
  afterAll(() => hub.close());

  it('serves every route of the table, plus the two documents', () => {
    for (const def of routeTable) expect(hub.app.hasRoute({ method: def.method, url: def.url }), `${def.method} ${def.url}`).toBe(true);
    for (const extra of outsideTable) expect(hub.app.hasRoute({ method: 'GET', url: extra.split(' ')[1]! })).toBe(true);
  });

  it('refuses to register a route without an access rule', async () => {
    const { z } = await import('zod');
    const ruleless = { method: 'GET', url: '/api/unruled', summary: 'x', tags: [], schema: { response: { 200: z.null() } }, handler: async () => null };
    await expect(buildServer({ engine: hub.engine, log: pino({ level: 'silent' }), routes: [ruleless as never] })).rejects.toThrow(/no access rule/);
  });

  for (const def of routeTable.filter((r) => r.access !== 'public')) {
    it(`${def.method} ${def.url}: 401 without a token, 403 exactly for roles outside "${def.access}"`, async () => {
      const url = concrete(def.url);
      const anonymous = await hub.app.inject({ method: def.method, url, payload: def.method === 'GET' || def.method === 'DELETE' ? undefined : {} });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('UNAUTHENTICATED');
      for (const role of roles) {
        const res = await hub.app.inject({ method: def.method, url, headers: hub.auth(role), payload: def.method === 'GET' || def.method === 'DELETE' ? undefined : {} });
        const allowed = (accessRoles as Record<string, readonly string[]>)[def.access]!.includes(role);
        if (allowed) {
          expect(res.statusCode, `${role} should pass`).not.toBe(403);
          expect(res.statusCode, `${role}: ${res.body}`).toBeLessThan(500);
        }
        else {
          expect(res.statusCode, `${role} should be refused`).toBe(403);
          expect(res.json().code).toBe('FORBIDDEN');
        }
        expect(res.statusCode).not.toBe(401);
      }
    });
  }
});
