/**
 * webhooks-in: inbound webhooks verified and durably stored per second through the real server path
 * (Fastify listening on 127.0.0.1, the route table, GitHub X-Hub-Signature-256 verification, group-commit
 * storage, the webhook-receiver connector's answer) against a bare `node:http` server in the same run
 * that only verifies the HMAC and parses the JSON. The load comes from a separate process
 * (bench/lib/webhook-load.ts: N keep-alive clients). Payload: a GitHub `issues` sample (~14 KB).
 * Targets: >= 50% of the bare ceiling, p99 under 50 ms at 50 concurrent clients (PostgreSQL; PGlite
 * is reported too). The API process runs no event loops (as `patchbay serve --no-workers`).
 *
 * Each database gets `--rounds` rounds (default 5), each the bare server then Patchbay, back to back: the
 * round with the median ratio is reported (and its p99 is the median p99), every round is printed.
 *
 *     node bench/webhooks-in.ts [--db postgres|pglite] [--requests N] [--concurrency C] [--rounds R]
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

const { values: args } = parseArgs({ options: { db: { type: 'string', multiple: true }, requests: { type: 'string' }, concurrency: { type: 'string' }, rounds: { type: 'string' } }, allowPositionals: true });
const kinds = (args.db ?? ['postgres', 'pglite']) as BenchDbKind[];
const requests = Number(args.requests ?? process.env.BENCH_WEBHOOKS_IN_REQUESTS ?? 20_000);
const concurrency = Number(args.concurrency ?? 50);
const rounds = Number(args.rounds ?? process.env.BENCH_WEBHOOKS_IN_ROUNDS ?? 5);
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
  /** CPU time this process (the server under test; the load is another process) spent per call, µs. */
  cpuUsPerCall: number;
}

const scratch = mkdtempSync(join(tmpdir(), 'patchbay-bench-webhooks-in-'));
const bodyFile = join(scratch, 'body.json');
writeFileSync(bodyFile, existsSync(SAMPLE) ? readFileSync(SAMPLE) : JSON.stringify({ action: 'assigned', issue: { id: 1, title: 'x'.repeat(12_000) } }));

async function load(url: string, secret: string, n: number, prefix: string): Promise<LoadResult> {
  const cpu = process.cpuUsage();
  const { stdout } = await run(process.execPath, [LOAD, url, secret, bodyFile, String(n), String(concurrency), prefix], { maxBuffer: 1 << 20 });
  const used = process.cpuUsage(cpu);
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Omit<LoadResult, 'cpuUsPerCall'>;
  return { ...result, cpuUsPerCall: (used.user + used.system) / result.sent };
}

/** A server under load: its URL and secret, what it stored for a run's prefix, and how to stop it. */
interface Target {
  readonly url: string;
  readonly secret: string;
  stored(prefix: string): Promise<number>;
  close(): Promise<void>;
}

/** The ceiling: node:http, raw body, GitHub HMAC check in constant time, JSON.parse, 202. */
async function bare(): Promise<Target> {
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
  return { url, secret, stored: async () => 0, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** The real path: engine + Fastify server listening on 127.0.0.1, a webhook-receiver instance with GitHub verification. */
async function patchbay(kind: BenchDbKind): Promise<Target> {
  const { database, drop } = await scratchDatabase(kind, 'webhooks_in');
  const log = createLogger({ destination: pino.destination('/dev/null') });
  const engine = createEngine({ database, log, connectors: builtInConnectors, vault: { keys: staticKeyProvider({ active: randomBytes(32) }) }, events: { inbound: { publicUrl: 'http://127.0.0.1' } } });
  const boot = await engine.start();
  const app = await buildServer({ engine, log, rateLimitPerMinute: 100_000_000, inboundRateLimitPerMinute: 100_000_000 });
  const actor = { ...systemActor(boot!.organizationId, 'bench'), role: 'admin' as const };
  const instance = await engine.instances.create(actor, { name: 'github', connectorId: 'webhook-receiver' });
  const { key, secret } = await engine.events.inbound.rotate(actor, instance.id, { verification: { kind: 'github' } });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `${address}/api/integration/webhook/${key}`,
    secret: secret!.reveal(),
    async stored(prefix) {
      const [row] = await database.query<{ n: number }>(`select count(*)::int as n from inbound_webhooks where message_id like $1`, [`${prefix}-%`]);
      return row!.n;
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}

const median = <T>(items: T[], by: (item: T) => number): T => [...items].sort((a, b) => by(a) - by(b))[Math.floor((items.length - 1) / 2)]!;
const rateOf = (r: LoadResult) => r.sent / r.seconds;

const measurements: Measurement[] = [];
const ceiling = await bare();
try {
  await load(ceiling.url, ceiling.secret, Math.min(1000, requests), 'warm');
  for (const kind of kinds) {
    if (kind === 'postgres' && !(await postgresReachable())) {
      process.stderr.write(`PostgreSQL at ${benchServerUrl} is not reachable: skipping the postgres measurements\n`);
      continue;
    }
    const target = await patchbay(kind);
    try {
      await load(target.url, target.secret, Math.min(1000, requests), 'warm');
      // Rounds alternate the bare server and Patchbay, so both see the same machine; the median round is reported.
      const paired: { bare: LoadResult; result: LoadResult }[] = [];
      for (let round = 1; round <= rounds; round++) {
        const bareResult = await load(ceiling.url, ceiling.secret, requests, `bare${round}`);
        const result = await load(target.url, target.secret, requests, `run${round}`);
        const stored = await target.stored(`run${round}`);
        console.log(`round ${round}: bare node:http ${JSON.stringify(bareResult)}`);
        console.log(`round ${round}: patchbay on ${kind} ${JSON.stringify(result)}, stored ${stored}, ratio ${(rateOf(result) / rateOf(bareResult)).toFixed(3)}`);
        if (result.ok !== result.sent || stored !== result.sent) throw new Error(`${kind}: ${result.ok} answered 2xx and ${stored} stored of ${result.sent}`);
        paired.push({ bare: bareResult, result });
      }
      const { bare: base, result } = median(paired, (p) => rateOf(p.result) / rateOf(p.bare));
      const p99 = median(paired, (p) => p.result.p99).result.p99;
      measurements.push(
        { metric: `inbound_per_s_c${concurrency}`, value: rateOf(result), unit: 'req/s', baseline: rateOf(base), target: kind === 'postgres' ? 0.5 : null, better: 'higher', db: kind },
        { metric: `inbound_p50_c${concurrency}`, value: result.p50, unit: 'ms', baseline: base.p50, better: 'lower', db: kind },
        { metric: `inbound_p99_c${concurrency}`, value: p99, unit: 'ms', target: kind === 'postgres' ? 50 : null, better: 'lower', db: kind },
        // Not a target: where the server's time goes (the bare server's CPU per call is the baseline).
        { metric: 'inbound_cpu_per_call', value: result.cpuUsPerCall, unit: 'µs', baseline: base.cpuUsPerCall, better: 'lower', db: kind },
      );
    } finally {
      await target.close();
    }
  }
} finally {
  await ceiling.close();
}
writeResults('webhooks-in', measurements);
rmSync(scratch, { recursive: true, force: true });
