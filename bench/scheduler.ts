/**
 * scheduler: 10,000 interval schedules of one minute, spread evenly over the minute (one due every 6 ms),
 * each on its own instance, fired by Patchbay's scheduler, queued on pg-boss and started by the workers
 * in the same process. Measures the lag from a schedule's `next_execution` to the start of its job
 * (`started_at`, when the worker marks the execution running): target p99 under 2 s. Each job is a
 * real (empty) sync: lease, execution row, stream state, completion event. Runs on PostgreSQL (skipped
 * when unreachable) and PGlite.
 *
 *     node bench/scheduler.ts [--schedules N] [--seconds S] [--concurrency N] [--processes N] [--db postgres|pglite]
 *
 * With --processes N (PostgreSQL), N `worker` processes run the syncs and the first process only schedules.
 *
 * BENCH_DATABASE_URL (else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test) names the
 * server, on which a scratch database is created and dropped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import pino from 'pino';
import { createEngine } from '@patchbay/engine';
import { MemorySource, memoryConnector } from '@patchbay/engine/testing';
import { migrate, openPostgres, type Database } from '@patchbay/store';
import { wrap } from '../packages/store/src/open-pglite.ts';
import { writeResults, type Measurement } from './lib/report.ts';

const { values: args } = parseArgs({
  options: {
    schedules: { type: 'string' },
    seconds: { type: 'string' },
    concurrency: { type: 'string' },
    processes: { type: 'string' },
    db: { type: 'string', multiple: true },
    jobs: { type: 'string', multiple: true },
  },
  allowPositionals: true,
});
const schedules = Number(args.schedules ?? process.env.BENCH_SCHEDULES ?? 10_000);
const seconds = Number(args.seconds ?? process.env.BENCH_SCHEDULER_SECONDS ?? 90);
const concurrency = Number(args.concurrency ?? process.env.BENCH_SCHEDULER_CONCURRENCY ?? 8);
/** PostgreSQL only: worker processes beside the scheduler's (scale-out); 0 runs the workers in the scheduler's process. */
const processes = Number(args.processes ?? process.env.BENCH_SCHEDULER_PROCESSES ?? 0);
const kinds = (args.db ?? ['postgres', 'pglite']) as ('postgres' | 'pglite')[];
/**
 * What a job does: `start` marks its execution started and completed (the scheduler, queue and worker
 * dispatch alone: the scheduler benchmark proper); `sync` runs the engine's whole (empty) sync path,
 * which measures how many syncs a worker can start per second on this machine.
 */
const jobKinds = (args.jobs ?? ['start', 'sync']) as ('start' | 'sync')[];
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PERIOD_MS = 60_000;
/** Due times in the first seconds are left out (the workers warm up). */
const WARMUP_MS = 5_000;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

const workerEntry = fileURLToPath(new URL('../packages/engine/src/workers/testing/worker-process.ts', import.meta.url));

/** Worker processes on the same PostgreSQL database (the scale-out shape), each running `concurrency` syncs. */
async function startWorkers(url: string): Promise<ChildProcess[]> {
  const children = Array.from({ length: processes }, () =>
    spawn(process.execPath, [workerEntry], {
      env: { ...process.env, DATABASE_URL: url, PATCHBAY_WORKER_CONNECTOR: 'memory', PATCHBAY_WORKER_CONCURRENCY: String(concurrency), PATCHBAY_MAINTENANCE_MS: '2000', PATCHBAY_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve, reject) => {
          c.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
          c.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
        }),
    ),
  );
  return children;
}

async function run(database: Database, db: string, jobs: 'start' | 'sync', url?: string): Promise<Measurement[]> {
  const engine = createEngine({ database, log: pino({ level: 'warn' }), connectors: [memoryConnector(new MemorySource())] });
  const boot = await engine.start();
  const children = url && processes > 0 && jobs === 'sync' ? await startWorkers(url) : [];
  const organizationId = boot!.organizationId;
  // 10,000 active instances with one schedule each, due one every PERIOD/N ms from t0 on.
  const step = PERIOD_MS / schedules;
  const ids = await database.query<{ id: string }>(
    `insert into integration_instances (organization_id, connector_id, name, status, connector_version)
     select $1, 'memory-source', 'bench-' || g, 'active', '1.0.0' from generate_series(1, $2::int) g returning id`,
    [organizationId, schedules],
  );
  const t0 = Date.now() + 3_000;
  await database.query(
    `insert into sync_schedules (organization_id, instance_id, schedule_type, interval_minutes, next_execution, created_at, updated_at)
     select $1, i.id, 'interval', 1, to_timestamp(($3::float8 + (i.n - 1) * $4::float8) / 1000), now(), now()
     from (select unnest($2::uuid[]) as id, generate_series(1, $5::int) as n) i`,
    [organizationId, ids.map((r) => r.id), t0, step, ids.length],
  );
  const offsets = new Map<string, number>();
  const rows = await database.query<{ id: string; next_execution: Date }>('select id, next_execution from sync_schedules');
  for (const r of rows) offsets.set(r.id, new Date(r.next_execution).getTime());

  const shape = children.length ? `${children.length} worker processes x ${concurrency} syncs` : `${concurrency} syncs in the scheduler's process`;
  process.stdout.write(`scheduler on ${db}, ${jobs} jobs: ${schedules.toLocaleString('en')} schedules every minute, ${seconds} s, ${shape}\n`);
  if (Date.now() > t0) process.stdout.write(`  (setup ran past the first due time by ${Date.now() - t0} ms)\n`);
  const startOnly = async ({ executionId }: { executionId: string }) => {
    await database.query(`update sync_executions set status = 'completed', started_at = $2, ended_at = $2 where id = $1`, [executionId, new Date().toISOString()]);
  };
  await engine.jobs.start({ workers: children.length === 0, scheduler: true, concurrency, pollMs: 1_000, ...(jobs === 'start' ? { handle: startOnly } : {}) });
  const end = t0 + seconds * 1000;
  while (Date.now() < end) await new Promise((r) => setTimeout(r, 1_000));
  // Let what came due in the window start, then stop.
  const windowEnd = end - 2_000;
  await new Promise((r) => setTimeout(r, 3_000));
  const stopping = Date.now();
  await engine.jobs.stop();
  await engine.sync.shutdown();
  process.stdout.write(`  stopped in ${Date.now() - stopping} ms\n`);
  for (const c of children) c.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode === null ? c.once('exit', r) : r(null)))));

  const executions = await database.query<{ schedule_id: string; created_at: Date; started_at: Date | null; status: string }>(
    `select schedule_id, created_at, started_at, status from sync_executions where trigger = 'scheduled'`,
  );
  const lags: number[] = [];
  const fireLags: number[] = [];
  let missed = 0;
  for (const e of executions) {
    const first = offsets.get(e.schedule_id)!;
    const created = new Date(e.created_at).getTime();
    // The slot this run was for: the last one on the schedule's grid at or before its creation.
    const due = first + Math.floor((created - first) / PERIOD_MS) * PERIOD_MS;
    if (due < t0 + WARMUP_MS || due > windowEnd) continue;
    fireLags.push(created - due);
    if (e.started_at) lags.push(new Date(e.started_at).getTime() - due);
    else missed++;
  }
  // Slots that came due in the window and were never fired at all count as misses too.
  let expected = 0;
  for (const first of offsets.values()) for (let due = first; due <= windowEnd; due += PERIOD_MS) if (due >= t0 + WARMUP_MS) expected++;
  missed += Math.max(0, expected - fireLags.length);
  lags.sort((a, b) => a - b);
  fireLags.sort((a, b) => a - b);
  const statuses = await database.query<{ status: string; n: number }>(`select status, count(*)::int as n from sync_executions group by 1 order by 1`);
  process.stdout.write(`  ${expected} slots due in the window, ${lags.length} started, ${missed} missed; executions: ${statuses.map((s) => `${s.status} ${s.n}`).join(', ')}\n`);
  const rate = lags.length / ((windowEnd - t0 - WARMUP_MS) / 1000);
  const tag = `${db}, ${jobs} jobs`;
  const name = (m: string) => `${m} (${db}, ${jobs})`;
  return [
    { metric: name('lag_due_to_job_start_p50'), value: percentile(lags, 50), unit: 'ms', better: 'lower', db: tag },
    { metric: name('lag_due_to_job_start_p99'), value: percentile(lags, 99), unit: 'ms', target: 2_000, better: 'lower', db: tag },
    { metric: name('lag_due_to_job_start_max'), value: lags.at(-1) ?? Number.NaN, unit: 'ms', better: 'lower', db: tag },
    { metric: name('lag_due_to_queued_p99'), value: percentile(fireLags, 99), unit: 'ms', better: 'lower', db: tag },
    { metric: name('jobs_started_per_s'), value: rate, unit: 'jobs/s', target: (schedules / PERIOD_MS) * 1000 * 0.99, better: 'higher', db: tag },
    { metric: name('slots_missed'), value: missed, unit: 'slots', target: 0, better: 'lower', db: tag },
  ];
}

async function onPostgres(jobs: 'start' | 'sync'): Promise<Measurement[]> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const name = `bench_sched_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const database = await openPostgres({ url: withDatabase(serverUrl, name), maxConnections: concurrency + 6 });
  try {
    await migrate(database);
    return await run(database, processes > 0 && jobs === 'sync' ? `postgres, ${processes} worker processes` : 'postgres', jobs, withDatabase(serverUrl, name));
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
  }
}

async function onPglite(jobs: 'start' | 'sync'): Promise<Measurement[]> {
  const raw = new PGlite();
  await raw.waitReady;
  const database = wrap(raw);
  try {
    await migrate(database);
    return await run(database, 'pglite', jobs);
  } finally {
    await database.close();
  }
}

const measurements: Measurement[] = [];
for (const db of kinds) {
  if (db === 'postgres' && !(await reachable(serverUrl))) {
    process.stdout.write(`PostgreSQL at ${serverUrl.replace(/:[^:@/]*@/, ':***@')} is unreachable: skipping it\n`);
    continue;
  }
  for (const jobs of jobKinds) measurements.push(...(db === 'postgres' ? await onPostgres(jobs) : await onPglite(jobs)));
}
writeResults('scheduler', measurements);
process.exit(0);
