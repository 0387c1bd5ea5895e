/**
 * One measured sync, in its own process so its peak memory is its own: opens the database (PostgreSQL
 * URL, or PGlite in a temporary folder), runs `engine.sync.runNow` over the simulator, samples RSS, then
 * loads the same normalised rows with COPY into a staging table and merges them (the baseline). Sends
 * one result object to the parent.
 *
 *     node bench/lib/sync-worker.ts '{"db":"postgres","url":"...","records":1000000,"baseUrl":"http://127.0.0.1:PORT","pageSize":1000}'
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import pino from 'pino';
import { createEngine, systemActor } from '@patchbay/engine';
import { migrate, openPostgres, type Database } from '@patchbay/store';
import { wrap } from '../../packages/store/src/open-pglite.ts';
import { benchConnector, progress } from './sync-connector.ts';

export interface WorkerInput {
  readonly db: 'postgres' | 'pglite';
  readonly url?: string;
  readonly records: number;
  readonly baseUrl: string;
  readonly pageSize: number;
}

export interface WorkerResult {
  readonly db: string;
  readonly records: number;
  readonly engineSeconds: number;
  readonly peakRssMb: number;
  /** Peak RSS while the first half of the records was synced: the second half should not add to it. */
  readonly earlyPeakRssMb: number;
  readonly baselineSeconds: number;
  readonly status: string;
  readonly created: number;
}

const COLUMNS =
  'organization_id, instance_id, stream, external_id, class_uid, category_uid, severity_id, occurred_at, data, content_hash, first_seen, last_seen, raw_hash, raw_size, sync_execution_id, connector_version, mapping_version, fetched_at';
const MERGE = `insert into records (${COLUMNS}) select ${COLUMNS} from staging
  on conflict (instance_id, stream, external_id) do update set data = excluded.data, class_uid = excluded.class_uid, category_uid = excluded.category_uid,
    severity_id = excluded.severity_id, occurred_at = excluded.occurred_at, content_hash = excluded.content_hash, last_seen = excluded.last_seen,
    raw_hash = excluded.raw_hash, raw_size = excluded.raw_size, sync_execution_id = excluded.sync_execution_id, fetched_at = excluded.fetched_at,
    revision = records.revision + 1`;

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function sync(database: Database, input: WorkerInput) {
  const engine = createEngine({ database, log: pino({ level: 'silent' }), connectors: [benchConnector(input.pageSize)] });
  const boot = await engine.start();
  const actor = systemActor(boot!.organizationId, 'bench');
  const instance = await engine.instances.create(actor, { name: 'bench', connectorId: 'bench-edr', configuration: { base_url: input.baseUrl }, allowPrivateNetwork: true });
  let peak = 0;
  let earlyPeak = 0;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    peak = Math.max(peak, rss);
    if (progress.fetched <= input.records / 2) earlyPeak = Math.max(earlyPeak, rss);
  };
  const timer = setInterval(sample, 25);
  const start = performance.now();
  const [execution] = await engine.sync.runNow(actor, instance.id);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  sample();
  return { seconds, peak, earlyPeak, execution: execution! };
}

/** PostgreSQL: COPY the synced rows out to a file, empty the table, then time COPY into staging + merge. */
async function postgresBaseline(url: string, dir: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const file = join(dir, 'rows.copy');
    await pipeline(client.query(copyTo(`copy (select ${COLUMNS} from records) to stdout`)), createWriteStream(file));
    await client.query('truncate records cascade');
    await client.query('checkpoint');
    const start = performance.now();
    await client.query('begin');
    await client.query(`create temp table staging on commit drop as select ${COLUMNS} from records limit 0`);
    await pipeline(createReadStream(file), client.query(copyFrom('copy staging from stdin')));
    await client.query(MERGE);
    await client.query('commit');
    return (performance.now() - start) / 1000;
  } finally {
    await client.end();
  }
}

/** PGlite: the same through `/dev/blob`, in chunks of 50,000 rows so no blob gets large. */
async function pgliteBaseline(pgl: PGlite, dir: string): Promise<number> {
  const files: string[] = [];
  let last = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const [row] = (await pgl.query<{ id: string | null }>(`select max(id::text) as id from (select id from records where id > $1 order by id limit 50000) s`, [last])).rows;
    if (!row?.id) break;
    const result = await pgl.query(`copy (select ${COLUMNS} from records where id > '${last}' and id <= '${row.id}') to '/dev/blob'`);
    const file = join(dir, `rows-${files.length}.copy`);
    writeFileSync(file, Buffer.from(await result.blob!.arrayBuffer()));
    files.push(file);
    last = row.id;
  }
  await pgl.exec('truncate records cascade; checkpoint;');
  const start = performance.now();
  await pgl.exec(`begin; create temp table staging on commit drop as select ${COLUMNS} from records limit 0;`);
  for (const file of files) await pgl.query(`copy staging from '/dev/blob'`, [], { blob: new Blob([readFileSync(file)]) });
  await pgl.exec(`${MERGE}; commit;`);
  return (performance.now() - start) / 1000;
}

async function main(input: WorkerInput): Promise<WorkerResult> {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-bench-sync-'));
  try {
    let database: Database;
    let pgl: PGlite | undefined;
    if (input.db === 'postgres') database = await openPostgres({ url: input.url!, maxConnections: 4 });
    else {
      pgl = new PGlite({ dataDir: join(dir, 'pglite') });
      await pgl.waitReady;
      database = wrap(pgl);
    }
    await migrate(database);
    const run = await sync(database, input);
    const baselineSeconds = input.db === 'postgres' ? await postgresBaseline(input.url!, dir) : await pgliteBaseline(pgl!, dir);
    await database.close();
    return {
      db: input.db,
      records: input.records,
      engineSeconds: run.seconds,
      peakRssMb: mb(run.peak),
      earlyPeakRssMb: mb(run.earlyPeak),
      baselineSeconds,
      status: run.execution.status,
      created: run.execution.recordsCreated,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const input = JSON.parse(process.argv[2] ?? '{}') as WorkerInput;
main(input).then(
  (result) => {
    process.send?.(result);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`sync worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
