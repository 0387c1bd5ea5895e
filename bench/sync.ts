/**
 * sync: the engine's whole sync path (HTTP fetch from a simulator in a child process, TypeScript mapper,
 * OCSF validation, hashing, one transaction per page with records, outbox events, checkpoint and
 * counters) against a baseline that loads the same normalised rows with COPY into a staging table and
 * merges them into `records`. Target: the engine at least 50% of the baseline's rate. Also the sync
 * worker's peak RSS: target under 400 MB, and not growing with the record count (the peak during the second
 * half of the records minus the peak during the first half). Runs on PostgreSQL (skipped when unreachable) and PGlite.
 *
 *     node bench/sync.ts [--records N] [--pglite-records N] [--page-size N] [--db postgres|pglite]
 *
 * BENCH_SYNC_RECORDS (default 1,000,000) and BENCH_SYNC_PGLITE_RECORDS (default 100,000) set the
 * counts; BENCH_DATABASE_URL (else TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test)
 * names the server, on which a scratch database is created and dropped.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { writeResults, type Measurement } from './lib/report.ts';
import type { WorkerInput, WorkerResult } from './lib/sync-worker.ts';

const { values: args } = parseArgs({
  options: { records: { type: 'string' }, 'pglite-records': { type: 'string' }, 'page-size': { type: 'string' }, db: { type: 'string', multiple: true } },
  allowPositionals: true,
});
const records = Number(args.records ?? process.env.BENCH_SYNC_RECORDS ?? 1_000_000);
const pgliteRecords = Number(args['pglite-records'] ?? process.env.BENCH_SYNC_PGLITE_RECORDS ?? Math.min(records, 100_000));
const pageSize = Number(args['page-size'] ?? process.env.BENCH_SYNC_PAGE_SIZE ?? 1000);
const kinds = (args.db ?? ['postgres', 'pglite']) as WorkerInput['db'][];
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function startSimulator(total: number): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(fileURLToPath(new URL('./lib/sync-simulator.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: { ...process.env, SIM_RECORDS: String(total) } });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`simulator exited (${code})`)));
  });
  return { child, port };
}

async function runWorker(input: WorkerInput): Promise<WorkerResult> {
  const child = fork(fileURLToPath(new URL('./lib/sync-worker.ts', import.meta.url)), [JSON.stringify(input)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<WorkerResult>((resolve, reject) => {
    let result: WorkerResult | undefined;
    child.on('message', (m) => (result = m as WorkerResult));
    child.once('exit', (code) => (result && code === 0 ? resolve(result) : reject(new Error(`sync worker exited (${code})`))));
  });
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

async function measure(db: WorkerInput['db'], total: number): Promise<Measurement[]> {
  const sim = await startSimulator(total);
  const admin = new pg.Client({ connectionString: serverUrl });
  const name = `bench_sync_${randomBytes(4).toString('hex')}`;
  try {
    let url: string | undefined;
    if (db === 'postgres') {
      await admin.connect();
      await admin.query(`create database ${name}`);
      url = withDatabase(serverUrl, name);
    }
    process.stdout.write(`sync on ${db}: ${total.toLocaleString('en')} records, pages of ${pageSize}\n`);
    const r = await runWorker({ db, url, records: total, baseUrl: `http://127.0.0.1:${sim.port}`, pageSize });
    if (r.status !== 'completed' || r.created !== total) throw new Error(`the sync on ${db} ended ${r.status} with ${r.created} of ${total} records created`);
    const engineRate = total / r.engineSeconds;
    const baselineRate = total / r.baselineSeconds;
    process.stdout.write(`  engine ${r.engineSeconds.toFixed(1)} s, baseline ${r.baselineSeconds.toFixed(1)} s, peak RSS ${r.peakRssMb} MB (first half ${r.earlyPeakRssMb} MB)\n`);
    return [
      { metric: `sync_records_per_s (${total} records)`, value: engineRate, unit: 'records/s', baseline: baselineRate, target: 0.5, better: 'higher', db },
      { metric: 'sync_worker_peak_rss', value: r.peakRssMb, unit: 'MB', target: 400, better: 'lower', db },
      { metric: 'sync_worker_rss_growth_second_half', value: Math.max(0, r.peakRssMb - r.earlyPeakRssMb), unit: 'MB', target: 50, better: 'lower', db },
    ];
  } finally {
    sim.child.disconnect();
    if (db === 'postgres') {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
  }
}

const measurements: Measurement[] = [];
for (const db of kinds) {
  if (db === 'postgres' && !(await reachable(serverUrl))) {
    process.stdout.write(`PostgreSQL at ${serverUrl.replace(/:[^:@/]*@/, ':***@')} is unreachable: skipping it\n`);
    continue;
  }
  measurements.push(...(await measure(db, db === 'postgres' ? records : pgliteRecords)));
}
writeResults('sync', measurements);
