import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import { closeContractProxies, leaseContractProxy } from './prism.ts';

/** A one-route description: GET /items?limit=1..10 answering { items: [{ id: string }] }. */
const spec = {
  openapi: '3.0.3',
  info: { title: 'items', version: '1' },
  paths: {
    '/items': {
      get: {
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10 } }],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } } } } } } },
          },
        },
      },
    },
    '/items/{id}': {
      put: {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        // As Jira's description declares its 204s: a JSON media type with an empty schema.
        responses: { '204': { description: 'updated', content: { 'application/json': { schema: {} } } } },
      },
    },
  },
};

function upstream(id: unknown): Promise<LocalServer> {
  return startLocalServer((request, response) => {
    if (request.method === 'PUT') response.writeHead(204, { 'content-type': 'application/json' }).end();
    else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: [{ id }] }));
  });
}

describe('prism contract proxy', () => {
  let dir: string;
  let specFile: string;
  let good: LocalServer;
  let bad: LocalServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-prism-'));
    specFile = join(dir, 'items.openapi.json');
    writeFileSync(specFile, JSON.stringify(spec));
    good = await upstream('a');
    bad = await upstream(42);
  });
  afterAll(async () => {
    await closeContractProxies();
    await good.close();
    await bad.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('forwards valid traffic, and reports request and response violations', async () => {
    const lease = await leaseContractProxy(specFile, good.url);
    try {
      const ok = await fetch(`${lease.url}/items?limit=5`);
      expect(await ok.json()).toEqual({ items: [{ id: 'a' }] });
      expect(lease.violations()).toEqual([]);
      const refused = await fetch(`${lease.url}/items?limit=50`);
      expect(refused.status).toBe(422);
      expect(good.requests).toHaveLength(1);
      expect(lease.violations()).toEqual([{ request: 'GET /items', type: 'UNPROCESSABLE_ENTITY', location: 'query.limit', message: 'Request query parameter limit must be <= 10' }]);
      expect(lease.exchanges()).toBe(2);
    } finally {
      lease.release();
    }
  });

  it('reuses the running Prism for the next simulator, with a fresh violation list', async () => {
    const first = await leaseContractProxy(specFile, good.url);
    const url = first.url;
    first.release();
    const started = performance.now();
    const lease = await leaseContractProxy(specFile, bad.url);
    try {
      expect(performance.now() - started).toBeLessThan(500);
      expect(lease.url).toBe(url);
      expect(lease.violations()).toEqual([]);
      const answer = await fetch(`${lease.url}/items`);
      expect(answer.status).toBe(500);
      expect(bad.requests).toHaveLength(1);
      expect(lease.violations()).toEqual([expect.objectContaining({ type: 'VIOLATIONS', location: 'response.body.items.0.id' })]);
    } finally {
      lease.release();
    }
  });

  it('relays a 204 without a body, whatever length Prism announces for it', async () => {
    const lease = await leaseContractProxy(specFile, good.url);
    try {
      // node:http shows the headers as relayed (fetch forgives a wrong length; strict clients such as the SDK's undici do not).
      const answer = await new Promise<{ status?: number; length?: string; body: string }>((resolve, reject) => {
        const sent = request(`${lease.url}/items/a`, { method: 'PUT' }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          response.on('end', () => resolve({ status: response.statusCode, length: response.headers['content-length'], body }));
        });
        sent.on('error', reject);
        sent.end();
      });
      expect(answer).toEqual({ status: 204, length: undefined, body: '' });
      expect(lease.violations()).toEqual([]);
    } finally {
      lease.release();
    }
  });

  it('makes a second user of the same spec wait for the first to release it', async () => {
    const first = await leaseContractProxy(specFile, good.url);
    let secondStarted = false;
    const second = leaseContractProxy(specFile, bad.url).then((lease) => {
      secondStarted = true;
      return lease;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(secondStarted).toBe(false);
    first.release();
    (await second).release();
    expect(secondStarted).toBe(true);
  });
});
