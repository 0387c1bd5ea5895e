import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineConnector, defineStream } from '@patchbay/sdk';
import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine, type Engine } from '../create-engine.ts';
import { createLogger } from '../lib/logger.ts';
import type { Actor } from '../lib/actor.ts';
import { fileKeyProvider } from './keys/file-key-provider.ts';
import { staticKeyProvider } from './keys/static-key-provider.ts';
import httpJson from '../../../../connectors/http-json/connector.ts';
import { startHttpJsonSimulator } from '../../../../connectors/http-json/simulator/index.ts';
import { spawnWorker, type WorkerChild } from '../workers/crash-support.ts';
import { waitFor } from '../workers/test-support.ts';
import { dumpDatabase } from './testing/dump-database.ts';
import { startOAuthServer, type TestOAuthServer } from './testing/oauth-server.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The vault as syncs use it: many syncs on one OAuth credential, a KEK rotation under running syncs, and
 * the canary secret followed through a sync into logs and the database.
 */

const PAGES = 3;

/** A vendor that serves three pages of alerts to any bearer token it has not revoked, remembering the tokens it saw. */
async function startVendor(): Promise<LocalServer & { tokens: Set<string>; revoked: Set<string> }> {
  const tokens = new Set<string>();
  const revoked = new Set<string>();
  const server = await startLocalServer((req, res) => {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || revoked.has(auth.slice(7))) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthorized"}');
      return;
    }
    tokens.add(auth.slice(7));
    const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page') ?? '1');
    const items = Array.from({ length: 5 }, (_, i) => ({ id: `a-${page}-${i}`, title: `Alert ${page}.${i}` }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items, next: page < PAGES ? page + 1 : null }));
  });
  return Object.assign(server, { tokens, revoked });
}

const alerts = defineStream({
  name: 'alerts',
  description: 'Alerts, three pages',
  ocsf: { class: 'detection_finding', classUid: 2004 },
  primaryKey: 'id',
  checkpoint: z.object({}),
  fullRefresh: true,
  permissions: ['alerts.read'],
  fetch: async function* (ctx) {
    for (let page: number | null = 1; page !== null; ) {
      type Page = { items: { id: string; title: string }[]; next: number | null };
      const response: { body: Page } = await ctx.http.get<Page>('/alerts', { query: { page: String(page) } });
      yield { records: response.body.items, checkpoint: {} };
      page = response.body.next;
    }
  },
  map: (raw: { id: string; title: string }) => ({
    activity_id: 1,
    category_uid: 2,
    class_uid: 2004,
    type_uid: 200401,
    severity_id: 1,
    status_id: 1,
    time: 1_767_225_600_000,
    metadata: { version: '1.9.0-dev', product: { name: 'Vault vendor', vendor_name: 'Patchbay tests' } },
    finding_info: { uid: raw.id, title: raw.title },
  }),
});

const connector = defineConnector({
  id: 'vault-vendor',
  name: 'Vault Vendor',
  vendor: 'Patchbay tests',
  category: 'other',
  version: '1.0.0',
  description: 'Syncs alerts with a vault-issued OAuth2 token',
  features: ['tests'],
  icon: '🔐',
  docsUrl: 'https://example.invalid/vault-vendor',
  auth: [{ type: 'oauth2_client_credentials', tokenUrl: 'https://auth.vendor.example/token' }],
  config: z.object({ base_url: z.url() }),
  capabilities: ['ingest'],
  allowedHosts: [{ fromConfig: 'base_url' }],
  streams: [alerts],
  minPlatformVersion: '0.1.0',
});

interface World {
  readonly db: TestDatabase;
  readonly engine: Engine;
  readonly clock: ManualClock;
  readonly actor: Actor;
  readonly as: TestOAuthServer;
  readonly vendor: Awaited<ReturnType<typeof startVendor>>;
  readonly logs: string[];
  readonly keyDir: string;
}

describe.each(testDatabaseKinds())('the vault through syncs on %s', (kind) => {
  let world: World | undefined;
  afterEach(async () => {
    if (!world) return;
    await world.engine.sync.shutdown();
    await world.vendor.close();
    await world.as.close();
    await world.db.close();
    rmSync(world.keyDir, { recursive: true, force: true });
    world = undefined;
  });

  async function setUp(clientSecret: string): Promise<World & { configId: string }> {
    const logs: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    const as = await startOAuthServer();
    const vendor = await startVendor();
    const db = await createTestDatabase(kind);
    const clock = new ManualClock(new Date());
    const keyDir = mkdtempSync(join(tmpdir(), 'patchbay-through-sync-'));
    const log = createLogger({ level: 'trace', destination: sink });
    const engine = createEngine({ database: db.database, clock, log, connectors: [connector], vault: { keys: fileKeyProvider(keyDir), allowInsecureHttp: true } });
    const boot = await engine.start();
    const [user] = await db.database.query<{ id: string }>(`select id from users where email = 'admin@localhost'`);
    const actor: Actor = { type: 'user', organizationId: boot!.organizationId, role: 'admin', userId: user!.id, label: 'admin@localhost' };
    await as.addClient({ client_id: 'syncs', client_secret: clientSecret, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic' });
    const { id: configId } = await engine.vault.configs.create(actor, {
      name: 'shared',
      authType: 'oauth2_client_credentials',
      credentials: { client_id: 'syncs', client_secret: clientSecret, token_url: as.tokenUrl },
    });
    world = { db, engine, clock, actor, as, vendor, logs, keyDir };
    return { ...world, configId };
  }

  async function instances(w: World & { configId: string }, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const instance = await w.engine.instances.create(w.actor, { name: `vendor-${i}`, connectorId: connector.id, configuration: { base_url: w.vendor.url }, allowPrivateNetwork: true, authConfigId: w.configId });
      ids.push(instance.id);
    }
    return ids;
  }

  const runAll = (w: World, ids: readonly string[]) => Promise.all(ids.map((id) => w.engine.sync.runNow(w.actor, id)));
  const completed = (runs: Awaited<ReturnType<Engine['sync']['runNow']>>[]) => runs.flat().map((r) => [r.status, r.recordsCreated + r.recordsUnchanged]);

  it('20 parallel syncs on one OAuth credential make one token request per expiry window', async () => {
    const w = await setUp(`secret-${randomBytes(8).toString('hex')}`);
    const ids = await instances(w, 20);
    const before = w.as.counts.token;
    const first = await runAll(w, ids);
    expect(completed(first)).toEqual(ids.map(() => ['completed', PAGES * 5]));
    expect(w.as.counts.token - before).toBe(1);
    expect(w.vendor.tokens.size).toBe(1);

    // Within the window: the cached token again, no request.
    w.clock.advance(10 * 60_000);
    await runAll(w, ids);
    expect(w.as.counts.token - before).toBe(1);

    // The next window (the server's tokens live an hour): one more request for all 20.
    w.clock.advance(60 * 60_000);
    const third = await runAll(w, ids);
    expect(completed(third)).toEqual(ids.map(() => ['completed', PAGES * 5]));
    expect(w.as.counts.token - before).toBe(2);
    expect(w.vendor.tokens.size).toBe(2);
  }, 60_000);

  it('rotates the KEK while syncs run: every sync completes and the credential still works on the new key', async () => {
    const w = await setUp(`secret-${randomBytes(8).toString('hex')}`);
    const ids = await instances(w, 8);
    // More credentials to re-wrap, so the rotation overlaps the syncs.
    for (let i = 0; i < 20; i++) await w.engine.vault.configs.create(w.actor, { name: `key-${i}`, authType: 'api_key', credentials: { api_key: `k-${i}-${randomBytes(6).toString('hex')}`, header_name: 'X-Key' } });
    const oldKek = (await w.engine.vault.keys.list()).find((k) => k.state === 'active')!.id;
    const syncing = runAll(w, ids);
    const rotation = w.engine.vault.keys.rotate(w.actor, { batchSize: 3 });
    const [runs, result] = await Promise.all([syncing, rotation]);
    expect(completed(runs)).toEqual(ids.map(() => ['completed', PAGES * 5]));
    expect(result).toMatchObject({ started: true, retired: [oldKek] });
    const active = result.activeKekId;
    const wrapping = await w.db.database.query<{ kek_id: string }>('select distinct kek_id from vault_data_keys');
    expect(wrapping.map((r) => r.kek_id)).toEqual([active]);

    // A new window forces the client secret to be decrypted under the new KEK for a token request.
    w.clock.advance(2 * 3_600_000);
    const before = w.as.counts.token;
    const after = await runAll(w, ids);
    expect(completed(after)).toEqual(ids.map(() => ['completed', PAGES * 5]));
    expect(w.as.counts.token - before).toBe(1);
  }, 60_000);

  it('the canary secret goes through a sync (token request, a 401 and a refresh) and appears in no log line and no row', async () => {
    const canary = `canary-${randomBytes(16).toString('hex')}`;
    const w = await setUp(canary);
    const [id] = await instances(w, 1);
    await w.engine.sync.runNow(w.actor, id!);
    // The vendor revokes the token: the next sync gets a 401, refreshes once with the secret, and goes on.
    w.vendor.revoked.add([...w.vendor.tokens][0]!);
    const tokenRequests = w.as.counts.token;
    const [run] = await w.engine.sync.runNow(w.actor, id!);
    expect(run).toMatchObject({ status: 'completed', recordsUnchanged: PAGES * 5 });
    expect(w.as.counts.token).toBe(tokenRequests + 1);
    expect(w.vendor.tokens.size).toBe(2);
    expect(w.logs.filter((l) => l.includes('"status":401')).length).toBe(1); // the refresh path ran, logged at trace level
    expect(w.logs.length).toBeGreaterThanOrEqual(2 * PAGES + 1);
    for (const line of w.logs) expect(line.includes(canary)).toBe(false);
    const dump = await dumpDatabase(w.db.database, w.db.url);
    expect(dump.includes('a-1-0')).toBe(true); // the dump does hold the synced data
    expect(dump.includes(canary)).toBe(false);
  }, 60_000);
});

// Several worker processes need PostgreSQL (PGlite is one process per data folder).
describe.skipIf(!testDatabaseKinds().includes('postgres'))('the vault through syncs in two worker processes on PostgreSQL', () => {
  it('20 syncs queued on one OAuth credential, run by two workers, make one token request', async () => {
    const as = await startOAuthServer();
    const sim = await startHttpJsonSimulator({ pageSize: 5, clock: new ManualClock(new Date()), mode: 'cursor', incremental: true });
    const db = await createTestDatabase('postgres');
    const masterKey = randomBytes(32);
    const children: WorkerChild[] = [];
    const engine = createEngine({ database: db.database, log: createLogger({ level: 'silent' }), connectors: [httpJson], vault: { keys: staticKeyProvider({ active: masterKey }), allowInsecureHttp: true } });
    try {
      sim.seed('records', { count: 12 });
      const boot = await engine.start();
      const [user] = await db.database.query<{ id: string }>(`select id from users where email = 'admin@localhost'`);
      const actor: Actor = { type: 'user', organizationId: boot!.organizationId, role: 'admin', userId: user!.id, label: 'admin@localhost' };
      const secret = `secret-${randomBytes(8).toString('hex')}`;
      await as.addClient({ client_id: 'workers', client_secret: secret, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic' });
      const { id: authConfigId } = await engine.vault.configs.create(actor, { name: 'shared', authType: 'oauth2_client_credentials', credentials: { client_id: 'workers', client_secret: secret, token_url: as.tokenUrl } });
      await engine.jobs.start({ workers: false });
      const env = { DATABASE_URL: db.url!, PATCHBAY_TEST_MASTER_KEY: masterKey.toString('base64'), PATCHBAY_WORKER_CONCURRENCY: '10' };
      children.push(spawnWorker(env), spawnWorker(env));
      await Promise.all(children.map((c) => c.ready));
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        const instance = await engine.instances.create(actor, { name: `json-${i}`, connectorId: 'http-json', configuration: { ...sim.configuration }, allowPrivateNetwork: true, authConfigId });
        ids.push(instance.id);
      }
      const before = as.counts.token;
      for (const id of ids) await engine.sync.start(actor, id, { stream: 'records' });
      const open = async () => (await db.database.query<{ n: number }>(`select count(*)::int as n from sync_executions where status in ('pending', 'running')`))[0]!.n;
      await waitFor(async () => (await open()) === 0, 'the 20 syncs to finish', 60_000);
      const runs = await db.database.query<{ status: string; records_created: number }>(`select status, records_created from sync_executions where stream = 'records'`);
      expect(runs.map((r) => [r.status, r.records_created])).toEqual(ids.map(() => ['completed', 12]));
      expect(as.counts.token - before).toBe(1);
    } finally {
      await engine.jobs.stop();
      await engine.sync.shutdown();
      for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGTERM');
      await Promise.all(children.map((c) => c.exited));
      await sim.close();
      await as.close();
      await db.close();
    }
  }, 90_000);
});
