import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, createLogger, fileKeyProvider, type Engine } from '@patchbay/engine';
import { defineConnector } from '@patchbay/sdk';
import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import { openPglite, type Database, type DatabaseKind } from '@patchbay/store';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../build-server.ts';
import { dumpDatabase } from '../../../../engine/src/vault/testing/dump-database.ts';
import { startOAuthServer, type TestOAuthServer } from '../../../../engine/src/vault/testing/oauth-server.ts';

const CANARY = `canary-${randomBytes(16).toString('hex')}`;

/** A connector whose validate calls the vendor with the vault's OAuth2 token, as a real one would. */
function vendorConnector() {
  return defineConnector({
    id: 'canary-vendor',
    name: 'Canary Vendor',
    vendor: 'Patchbay tests',
    category: 'other',
    version: '1.0.0',
    description: 'Calls a local vendor with a vault-issued token',
    minPlatformVersion: '0.1.0',
    features: ['tests'],
    icon: '🐤',
    docsUrl: 'https://example.invalid/canary',
    // The declared token URL is documentation here: the auth config carries the one the vault uses.
    auth: [{ type: 'oauth2_client_credentials', tokenUrl: 'https://auth.vendor.example/token' }],
    config: z.object({ base_url: z.url() }),
    capabilities: ['ingest'],
    allowedHosts: [{ fromConfig: 'base_url' }],
    streams: [
      {
        name: 'alerts',
        ocsf: { class: 'detection_finding', classUid: 2004 },
        primaryKey: 'id',
        checkpoint: z.object({}),
        fullRefresh: true,
        permissions: [],
        fetch: async function* () {
          yield { records: [] as { id: string }[], checkpoint: {} };
        },
        map: (raw: { id: string }) => ({ finding_info: { uid: raw.id } }),
      },
    ],
    validate: async (ctx) => {
      await ctx.http.get('/me'); // a 401 would throw VENDOR_AUTH_FAILED
      return { ok: true };
    },
  });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe.each(testDatabaseKinds())('the canary secret never leaves the vault (%s)', (kind: DatabaseKind) => {
  const outputs: string[] = [];
  const logs: string[] = [];
  let dir: string;
  let database: Database;
  let testDb: TestDatabase | undefined;
  let engine: Engine;
  let app: FastifyInstance;
  let as: TestOAuthServer;
  let vendor: LocalServer;
  let admin: { authorization: string };

  async function call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
    const res = await app.inject({ method, url, payload: payload as never, headers: admin });
    outputs.push(`${method} ${url} ${res.statusCode} ${JSON.stringify(res.headers)}\n${res.body}`);
    return res;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'patchbay-canary-'));
    as = await startOAuthServer();
    await as.addClient({ client_id: 'canary-client', client_secret: CANARY, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic' });
    vendor = await startLocalServer((req, res) => {
      const ok = /^Bearer ey/.test(String(req.headers.authorization));
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok }));
    });
    if (kind === 'pglite') {
      database = await openPglite({ dir: join(dir, 'pglite'), loadDataDir: new Blob([readFileSync(process.env.PATCHBAY_TEST_PGLITE_TEMPLATE!)]) });
    } else {
      testDb = await createTestDatabase('postgres');
      database = testDb.database;
    }
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    const log = createLogger({ level: 'trace', destination: sink });
    engine = createEngine({ database, clock: new ManualClock(new Date()), log, connectors: [vendorConnector()], vault: { keys: fileKeyProvider(dir), allowInsecureHttp: true } });
    const boot = await engine.start();
    admin = { authorization: `Bearer ${boot!.token}` };
    app = await buildServer({ engine, log });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await vendor?.close();
    await as?.close();
    if (testDb) await testDb.close();
    else await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('install, test, use, fail, rotate: the secret is in no response, log, audit row, event, metric or database file', async () => {
    const created = await call('POST', '/api/integration/auth-configs', { name: 'canary', auth_type: 'oauth2_client_credentials', credentials: { client_id: 'canary-client', client_secret: CANARY, token_url: as.tokenUrl } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    await call('GET', `/api/integration/auth-configs/${id}`);
    await call('GET', '/api/integration/auth-configs');
    expect((await call('POST', `/api/integration/auth-configs/${id}/test`, {})).json().ok).toBe(true);
    await call('POST', `/api/integration/auth-configs/${id}/refresh`);
    await call('PUT', `/api/integration/auth-configs/${id}`, { name: 'canary-renamed' });

    // Install and a real connection test through the connector runtime: token from the vault, call to the vendor.
    const instance = await call('POST', '/api/integration/instances', { name: 'canary-instance', connector_id: 'canary-vendor', configuration: { base_url: vendor.url }, connection_url: vendor.url, auth_config_id: id, allow_private_network: true });
    expect(instance.statusCode).toBe(201);
    await call('POST', `/api/integration/instances/${instance.json().id}/activate`);
    const tested = await call('POST', `/api/integration/instances/${instance.json().id}/test`, {});
    expect(tested.json()).toMatchObject({ ok: true });
    expect(vendor.requests.at(-1)!.headers.authorization).toMatch(/^Bearer ey/);

    // Failure paths: invalid input carrying the secret, a wrong secret, a revoked client, a delete refused.
    expect((await call('POST', '/api/integration/auth-configs', { name: 'bad-1', auth_type: 'oauth2_client_credentials', credentials: { client_id: 'c', client_secret: CANARY, token_url: 'not a url' } })).statusCode).toBe(400);
    expect((await call('POST', '/api/integration/auth-configs', { name: 'bad-2', auth_type: 'basic', credentials: { username: 'u', password: CANARY, [CANARY.slice(0, 12)]: CANARY } })).statusCode).toBe(400);
    expect((await call('POST', '/api/integration/auth-configs', { name: 'bad-3', auth_type: 'bearer', credentials: { token: [CANARY] } })).statusCode).toBe(400);
    expect((await call('POST', '/api/integration/auth-configs', { name: 'bad-4', auth_type: 'kerberos', credentials: { secret: CANARY } })).statusCode).toBe(400);
    const wrong = await call('POST', '/api/integration/auth-configs', { name: 'wrong', auth_type: 'oauth2_client_credentials', credentials: { client_id: 'canary-client', client_secret: `${CANARY}-wrong`, token_url: as.tokenUrl } });
    expect((await call('POST', `/api/integration/auth-configs/${wrong.json().id}/test`, {})).json().ok).toBe(false);
    await as.revokeClient('canary-client');
    expect((await call('POST', `/api/integration/auth-configs/${id}/refresh`)).statusCode).toBe(502);
    expect((await call('POST', `/api/integration/instances/${instance.json().id}/test`, {})).json().ok).toBe(false);
    expect((await call('DELETE', `/api/integration/auth-configs/${id}`)).statusCode).toBe(409);

    // Key rotation and the admin views.
    expect((await call('POST', '/api/admin/keys/rotate', {})).json()).toMatchObject({ started: true, retired: [expect.any(String)] });
    await call('GET', '/api/admin/keys');
    await call('GET', `/api/integration/auth-configs/${id}/usage`);
    await call('GET', '/api/admin/audit?limit=200');
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    outputs.push(metrics.body);
    engine.deps.log.info({ credentials: { client_secret: CANARY } }, 'a careless log line');

    const dump = await dumpDatabase(database, testDb?.url);
    expect(dump).toContain('canary-renamed');
    expect(dump).toContain('credential.refresh_failed');
    expect(dump).toContain('auth_config.created');
    const everything = { responses: outputs.join('\n'), logs: logs.join(''), database: dump };
    for (const [where, text] of Object.entries(everything)) expect(text.includes(CANARY), `the canary appears in ${where}`).toBe(false);
    expect(logs.length).toBeGreaterThan(10);

    if (kind === 'pglite') {
      await app.close();
      await database.query('CHECKPOINT');
      await database.close();
      const files = filesUnder(dir);
      expect(files.length).toBeGreaterThan(100);
      for (const file of files) expect(readFileSync(file).includes(Buffer.from(CANARY)), file).toBe(false);
    }
  }, 60_000);
});
