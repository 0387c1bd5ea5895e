/**
 * webhooks-in: inbound webhooks verified and durably stored per second through the real server path
 * (Fastify listening on 127.0.0.1, the route table, GitHub X-Hub-Signature-256 verification, group-commit
 * storage, the webhook-receiver connector's answer) against a bare `node:http` server in the same run
 * that only verifies the HMAC and parses the JSON. The load comes from a separate process
 * (bench/lib/webhook-load.ts: N keep-alive clients). Payload: a GitHub `issues` sample (~14 KB).
 * Targets: >= 50% of the bare ceiling, p99 under 50 ms at 50 concurrent clients (PostgreSQL; PGlite
 * is reported too). The API process runs no event loops (as `patchbay serve --no-workers`).
 *
 *     node bench/webhooks-in.ts [--db postgres|pglite] [--requests N] [--concurrency C]
 */
import { execFile } from 'node:child_process';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { promisify } from 'node:util';
import pino from 'pino';
import { builtInConnectors, createEngine, createLogger, staticKeyProvider, systemActor } from '@patchbay/engine';
import { buildServer } from '@patchbay/server';
import { writeResults, type Measurement } from './lib/report.ts';
import { postgresReachable, scratchDatabase, benchServerUrl, type BenchDbKind } from './lib/scratch-db.ts';

const { values: args } = parseArgs({ options: { db: { type: 'string', multiple: true }, requests: { type: 'string' }, concurrency: { type: 'string' } }, allowPositionals: true });
const kinds = (args.db ?? ['postgres', 'pglite']) as BenchDbKind[];
const requests = Number(args.requests ?? process.env.BENCH_WEBHOOKS_IN_REQUESTS ?? 20_000);
const concurrency = Number(args.concurrency ?? 50);
const LOAD = fileURLToPath(new URL('./lib/webhook-load.ts', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../shared/vendor/samples/github-webhooks/payload-examples/api.github.com/issues/assigned.payload.json', import.meta.url));
const run = promisify(execFile);

interface LoadResult {
  sent: number;
  ok: number;
  statuses: Record<string, number>;
  seconds: number;
  p50: number;
  p99: number;
}

const scratch = mkdtempSync(join(tmpdir(), 'patchbay-bench-webhooks-in-'));
const bodyFile = join(scratch, 'body.json');
writeFileSync(bodyFile, existsSync(SAMPLE) ? readFileSync(SAMPLE) : JSON.stringify({ action: 'assigned', issue: { id: 1, title: 'x'.repeat(12_000) } }));

async function load(url: string, secret: string, n: number, prefix: string): Promise<LoadResult> {
  const { stdout } = await run(process.execPath, [LOAD, url, secret, bodyFile, String(n), String(concurrency), prefix], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadResult;
}

/** The ceiling: node:http, raw body, GitHub HMAC check in constant time, JSON.parse, 202. */
async function bare(): Promise<LoadResult> {
  const secret = randomBytes(32).toString('base64url');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from('sha256=' + createHmac('sha256', secret).update(raw).digest('hex'));
      const given = Buffer.from(String(req.headers['x-hub-signature-256'] ?? ''));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return res.writeHead(401).end();
      JSON.parse(raw.toString('utf8'));
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  try {
    await load(url, secret, Math.min(1000, requests), 'warm');
    return await load(url, secret, requests, 'bare');
  } finally {
    server.close();
  }
}

/** The real path: engine + Fastify server listening on 127.0.0.1, a webhook-receiver instance with GitHub verification. */
async function patchbay(kind: BenchDbKind): Promise<{ result: LoadResult; stored: number }> {
  const { database, drop } = await scratchDatabase(kind, 'webhooks_in');
  const log = createLogger({ destination: pino.destination('/dev/null') });
  const engine = createEngine({ database, log, connectors: builtInConnectors, vault: { keys: staticKeyProvider({ active: randomBytes(32) }) }, events: { inbound: { publicUrl: 'http://127.0.0.1' } } });
  const boot = await engine.start();
  const app = await buildServer({ engine, log, rateLimitPerMinute: 100_000_000, inboundRateLimitPerMinute: 100_000_000 });
  try {
    const actor = { ...systemActor(boot!.organizationId, 'bench'), role: 'admin' as const };
    const instance = await engine.instances.create(actor, { name: 'github', connectorId: 'webhook-receiver' });
    const { key, secret } = await engine.events.inbound.rotate(actor, instance.id, { verification: { kind: 'github' } });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `${address}/api/integration/webhook/${key}`;
    await load(url, secret!.reveal(), Math.min(1000, requests), 'warm');
    const result = await load(url, secret!.reveal(), requests, 'run');
    const [row] = await database.query<{ n: number }>(`select count(*)::int as n from inbound_webhooks where message_id like 'run-%'`);
    return { result, stored: row!.n };
  } finally {
    await app.close();
    await drop();
  }
}

const measurements: Measurement[] = [];
const ceiling = await bare();
console.log(`bare node:http: ${JSON.stringify(ceiling)}`);
for (const kind of kinds) {
  if (kind === 'postgres' && !(await postgresReachable())) {
    process.stderr.write(`PostgreSQL at ${benchServerUrl} is not reachable: skipping the postgres measurements\n`);
    continue;
  }
  const { result, stored } = await patchbay(kind);
  console.log(`patchbay on ${kind}: ${JSON.stringify(result)}, stored ${stored}`);
  if (result.ok !== result.sent || stored !== result.sent) throw new Error(`${kind}: ${result.ok} answered 2xx and ${stored} stored of ${result.sent}`);
  const rate = result.sent / result.seconds;
  measurements.push(
    { metric: `inbound_per_s_c${concurrency}`, value: rate, unit: 'req/s', baseline: ceiling.sent / ceiling.seconds, target: 0.5, better: 'higher', db: kind },
    { metric: `inbound_p50_c${concurrency}`, value: result.p50, unit: 'ms', baseline: ceiling.p50, better: 'lower', db: kind },
    { metric: `inbound_p99_c${concurrency}`, value: result.p99, unit: 'ms', target: kind === 'postgres' ? 50 : null, better: 'lower', db: kind },
  );
}
writeResults('webhooks-in', measurements);
rmSync(scratch, { recursive: true, force: true });
