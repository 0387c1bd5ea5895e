/**
 * vault: the credential vault's costs. Envelope encryption and decryption of a credential record (AES-256-GCM,
 * per-record data key; warm: data key cached in memory, cold: unwrapped by the KEK first), decryption for
 * use end to end (load, decrypt, usage row) on PGlite and PostgreSQL with and without the data-key cache,
 * the token cache hit rate and token requests per expiry window when 20 concurrent syncs ask for the same
 * OAuth2 token over 4 simulated hours (one-hour tokens refreshed 5 minutes ahead: 55-minute windows), and
 * KEK rotation throughput. Targets: p99 under 1 ms for the crypto,
 * under 50 ms (the seed's bar) for decryption for use, at most 1 token request per window, hit rate >= 99%.
 *
 *     node bench/vault.ts [--db postgres|pglite] [--iterations N]
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pino from 'pino';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, fileKeyProvider, staticKeyProvider, type Actor } from '@patchbay/engine';
import { migrate, openPglite, openPostgres, type Database } from '@patchbay/store';
import { ManualClock } from '@patchbay/types';
import { open, seal } from '../packages/engine/src/vault/crypto/aead.ts';
import { writeResults, type Measurement } from './lib/report.ts';

const { values: args } = parseArgs({ options: { db: { type: 'string', multiple: true }, iterations: { type: 'string' } }, allowPositionals: true });
const kinds = (args.db ?? ['pglite', 'postgres']) as ('pglite' | 'postgres')[];
const iterations = Number(args.iterations ?? 2000);
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed(n: number, fn: (i: number) => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn(i);
    out.push(performance.now() - start);
  }
  return out;
}

function latency(metric: string, samples: number[], target: number, db = 'none'): Measurement[] {
  return [
    { metric: `${metric}_p50`, value: percentile(samples, 50), unit: 'ms', better: 'lower', db },
    { metric: `${metric}_p99`, value: percentile(samples, 99), unit: 'ms', target, better: 'lower', db },
  ];
}

/** The crypto alone: a 300-byte credential record, and the KEK unwrap of its data key. */
async function cryptoOnly(): Promise<Measurement[]> {
  const provider = staticKeyProvider({ active: randomBytes(32) });
  const kek = provider.activeKekId();
  const dataKey = randomBytes(32);
  const wrapped = await provider.wrap(kek, dataKey, 'vault_data_key:x');
  const record = Buffer.from(JSON.stringify({ client_id: 'c'.repeat(36), client_secret: 's'.repeat(64), token_url: 'https://login.example.com/oauth2/v2.0/token', scopes: ['a', 'b'] }));
  const sealed = seal(dataKey, record, 'auth_config:x');
  await timed(500, () => open(dataKey, seal(dataKey, record, 'w'), 'w'));
  return [
    ...latency('encrypt', await timed(iterations * 5, () => seal(dataKey, record, 'auth_config:x')), 1),
    ...latency('decrypt_warm', await timed(iterations * 5, () => open(dataKey, sealed, 'auth_config:x')), 1),
    ...latency('decrypt_cold', await timed(iterations * 5, async () => open(await provider.unwrap(kek, wrapped, 'vault_data_key:x'), sealed, 'auth_config:x')), 1),
  ];
}

async function openDatabase(kind: 'pglite' | 'postgres'): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const database = await openPglite();
    await migrate(database);
    return { database, drop: () => database.close() };
  }
  const name = `patchbay_bench_vault_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres({ url: url.toString() });
  await migrate(database);
  return {
    database,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A token endpoint that counts requests and issues one-hour tokens. */
async function tokenEndpoint() {
  const counts = { requests: 0 };
  const server = createServer((_req, res) => {
    counts.requests++;
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ access_token: randomBytes(24).toString('hex'), token_type: 'Bearer', expires_in: 3600 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`, counts, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function withDatabase(kind: 'pglite' | 'postgres'): Promise<Measurement[]> {
  const { database, drop } = await openDatabase(kind);
  const endpoint = await tokenEndpoint();
  const keyring = mkdtempSync(join(tmpdir(), 'patchbay-bench-vault-'));
  try {
    const clock = new ManualClock(new Date());
    const engine = createEngine({ database, clock, log: pino({ level: 'silent' }), vault: { keys: fileKeyProvider(keyring), allowInsecureHttp: true } });
    const boot = await engine.start();
    const actor: Actor = { type: 'system', organizationId: boot!.organizationId, role: 'admin', label: 'system:bench' };
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push((await engine.vault.configs.create(actor, { name: `k${i}`, authType: 'api_key', credentials: { api_key: randomBytes(20).toString('hex'), header_name: 'X-Key' } })).id);
    const use = (i: number) => engine.vault.authApplierFor(actor, ids[i % ids.length]!, { operation: 'sync', instanceId: undefined });
    await timed(100, use);
    const n = Math.min(iterations, 1000);
    const warm = await timed(n, use);
    const cold = await timed(n, (i) => {
      engine.vault.clearKeyCache();
      return use(i);
    });

    const { id } = await engine.vault.configs.create(actor, { name: 'oauth', authType: 'oauth2_client_credentials', credentials: { client_id: 'bench', client_secret: 'bench-secret-0123456789', token_url: endpoint.url } });
    const before = engine.vault.tokens.stats();
    const windows = 4;
    const rounds = windows * 60;
    for (let r = 0; r < rounds; r++) {
      await Promise.all(Array.from({ length: 20 }, async () => {
        for (let call = 0; call < 5; call++) await engine.vault.tokens.getToken(actor, id);
      }));
      clock.advance(60_000);
    }
    const stats = engine.vault.tokens.stats();
    const total = rounds * 20 * 5;
    // One-hour tokens are refreshed 5 minutes ahead: a refresh window is 55 simulated minutes.
    const refreshWindows = Math.ceil(rounds / 55);
    const hits = stats.memoryHits - before.memoryHits + stats.databaseHits - before.databaseHits;

    const start = performance.now();
    const rotation = await engine.vault.keys.rotate(actor, { batchSize: 100 });
    const rotationMs = performance.now() - start;
    return [
      ...latency('decrypt_for_use', warm, 50, kind),
      ...latency('decrypt_for_use_cold_cache', cold, 50, kind),
      { metric: 'token_cache_hit_rate', value: (100 * hits) / total, unit: '%', target: 99, better: 'higher', db: kind },
      { metric: 'token_requests_per_window', value: endpoint.counts.requests / refreshWindows, unit: 'requests', target: 1, better: 'lower', db: kind },
      { metric: 'rotation_rewrap_rate', value: (rotation.rewrapped / rotationMs) * 1000, unit: 'keys/s', better: 'higher', db: kind },
    ];
  } finally {
    await endpoint.close();
    await drop();
    rmSync(keyring, { recursive: true, force: true });
  }
}

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

console.log('-- crypto only (no database)');
writeResults('vault', await cryptoOnly());
for (const kind of kinds) {
  if (kind === 'postgres' && !(await reachable())) {
    process.stderr.write(`PostgreSQL at ${serverUrl} is not reachable: skipping the postgres measurements\n`);
    continue;
  }
  const measured = await withDatabase(kind);
  console.log(`-- ${kind}`);
  writeResults('vault', measured);
}
