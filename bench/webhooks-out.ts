/**
 * webhooks-out: outgoing webhook deliveries per second to a local receiver (its own process, answering
 * 204) through the real path: events in the outbox, the dispatcher's fan-out to 16 endpoints (one
 * subscription each), the delivery worker (lease, Standard Webhooks signing with the sealed secret, POST,
 * delivery log row and message settled per attempt). Baseline: the same number of signed POSTs with
 * undici from one loop, 16 at a time (the worker's endpoint concurrency), no database.
 *
 *     node bench/webhooks-out.ts [--db postgres|pglite] [--messages N]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { Agent, request } from 'undici';
import { createEngine, staticKeyProvider, systemActor } from '@patchbay/engine';
import { emitEvents } from '../packages/engine/src/events/envelope.ts';
import { generateSecret, standardHeaders } from '../packages/engine/src/webhooks/signing.ts';
import { writeResults, type Measurement } from './lib/report.ts';
import { benchServerUrl, postgresReachable, scratchDatabase, type BenchDbKind } from './lib/scratch-db.ts';

const { values: args } = parseArgs({ options: { db: { type: 'string', multiple: true }, messages: { type: 'string' } }, allowPositionals: true });
const kinds = (args.db ?? ['postgres', 'pglite']) as BenchDbKind[];
const messages = Number(args.messages ?? process.env.BENCH_WEBHOOKS_OUT_MESSAGES ?? 5_000);
const ENDPOINTS = 16;
const SINK = fileURLToPath(new URL('./lib/sink-server.ts', import.meta.url));

function payload(i: number) {
  return { record_id: randomBytes(16).toString('hex'), instance_id: null, stream: 'alerts', external_id: `a-${i}`, class_uid: 2004, severity_id: 4, shard: i % ENDPOINTS, record: { class_uid: 2004, finding_info: { uid: `a-${i}`, title: `Alert ${i}` }, severity_id: 4, message: 'x'.repeat(600) } };
}

async function startSink(): Promise<{ url: string; child: ChildProcess; count: () => Promise<number> }> {
  const child = fork(SINK, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  const count = () =>
    new Promise<number>((resolve) => {
      child.once('message', (m: { count: number }) => resolve(m.count));
      child.send('count');
    });
  return { url: `http://127.0.0.1:${port}`, child, count };
}

/** The baseline: signed POSTs from one loop, ENDPOINTS at a time, keep-alive. */
async function bare(url: string): Promise<number> {
  const secret = generateSecret();
  const agent = new Agent({ connections: ENDPOINTS, keepAliveTimeout: 10_000 });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: ENDPOINTS }, async () => {
      for (let i = next++; i < messages; i = next++) {
        const body = JSON.stringify({ type: 'record.created', timestamp: new Date().toISOString(), data: payload(i) });
        const headers = { 'content-type': 'application/json', ...standardHeaders([secret], `msg_${i}`, Math.floor(Date.now() / 1000), body) };
        const res = await request(`${url}/bare/${i % ENDPOINTS}`, { method: 'POST', body, headers, dispatcher: agent });
        await res.body.dump();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return messages / seconds;
}

async function patchbay(kind: BenchDbKind, url: string): Promise<Measurement[]> {
  const { database, drop } = await scratchDatabase(kind, 'webhooks_out');
  const engine = createEngine({ database, log: pino({ level: 'silent' }), vault: { keys: staticKeyProvider({ active: randomBytes(32) }) }, events: { delivery: { concurrency: ENDPOINTS, batchSize: 200 } } });
  try {
    const boot = await engine.start();
    const actor = { ...systemActor(boot!.organizationId, 'bench'), role: 'admin' as const };
    for (let shard = 0; shard < ENDPOINTS; shard++) {
      const { endpoint } = await engine.events.endpoints.create(actor, { url: `${url}/hook/${shard}`, allowPrivateNetwork: true });
      await engine.events.subscriptions.create(actor, { eventType: 'record.created', actionType: 'webhook', actionConfig: { endpoint_id: endpoint.id }, filterCriteria: { predicate: `data.shard = ${shard}` } });
    }
    await engine.events.dispatcher.drain();
    for (let i = 0; i < messages; i += 1000) {
      const events = Array.from({ length: Math.min(1000, messages - i) }, (_, j) => ({ organizationId: actor.organizationId, type: 'record.created', occurredAt: new Date(), data: payload(i + j) }));
      await database.db.transaction((tx) => emitEvents(tx, events));
    }
    let started = performance.now();
    await engine.events.dispatcher.drain();
    const dispatchSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const attempted = await engine.events.deliveries.drain();
    const deliverSeconds = (performance.now() - started) / 1000;
    const [row] = await database.query<{ delivered: number; attempts: number }>(`select (select count(*)::int from webhook_messages where status = 'delivered') as delivered, (select count(*)::int from delivery_attempts) as attempts`);
    if (row!.delivered !== messages || attempted !== messages) throw new Error(`${kind}: ${row!.delivered} delivered, ${attempted} attempted of ${messages}`);
    return [
      { metric: 'dispatch_events_per_s', value: messages / dispatchSeconds, unit: 'events/s', better: 'higher', db: kind },
      { metric: `deliveries_per_s_${ENDPOINTS}_endpoints`, value: messages / deliverSeconds, unit: 'msg/s', better: 'higher', db: kind },
    ];
  } finally {
    await engine.events.stop();
    await drop();
  }
}

const sink = await startSink();
try {
  await bare(sink.url); // warm-up
  const baseline = await bare(sink.url);
  console.log(`bare signed POSTs: ${baseline.toFixed(0)}/s`);
  const measurements: Measurement[] = [];
  for (const kind of kinds) {
    if (kind === 'postgres' && !(await postgresReachable())) {
      process.stderr.write(`PostgreSQL at ${benchServerUrl} is not reachable: skipping the postgres measurements\n`);
      continue;
    }
    const measured = await patchbay(kind, sink.url);
    measurements.push(...measured.map((m) => (m.metric.startsWith('deliveries') ? { ...m, baseline } : m)));
  }
  writeResults('webhooks-out', measurements);
} finally {
  sink.child.send('stop');
}
