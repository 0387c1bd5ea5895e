import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openPglite, openPostgres, type Database } from '@patchbay/store';

export type BenchDbKind = 'pglite' | 'postgres';

export const benchServerUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether the PostgreSQL server of the benchmarks answers. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: benchServerUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A migrated scratch database: in-memory PGlite, or a PostgreSQL database created now and dropped by `drop`. */
export async function scratchDatabase(kind: BenchDbKind, label: string): Promise<{ database: Database; url: string | null; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const database = await openPglite();
    await migrate(database);
    return { database, url: null, drop: () => database.close() };
  }
  const name = `patchbay_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: benchServerUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(benchServerUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres({ url: url.toString() });
  await migrate(database);
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: benchServerUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
