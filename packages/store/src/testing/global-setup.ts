import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../migrate.ts';
import { openPostgres } from '../open-postgres.ts';
import { PG_TEMPLATE_ENV, PGLITE_TEMPLATE_ENV, testDatabaseUrl } from './test-env.ts';

/**
 * Runs once per test run: migrates one PGlite database and dumps it (each test file loads the dump
 * instead of running initdb and the migrations), and migrates one PostgreSQL template database (each
 * test file creates its own database from it). In CI a missing PostgreSQL server fails the run.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-test-'));
  const templateFile = join(dir, 'pglite-template.tar.gz');
  writeFileSync(templateFile, Buffer.from(await (await dumpMigratedPglite()).arrayBuffer()));
  process.env[PGLITE_TEMPLATE_ENV] = templateFile;

  const url = testDatabaseUrl();
  const template = `patchbay_tpl_${process.pid}`;
  let adminUrl: string | undefined;
  try {
    adminUrl = url;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    await admin.end();
    const db = await openPostgres({ url: withDatabase(url, template), maxConnections: 1 });
    await migrate(db);
    await db.close();
    process.env[PG_TEMPLATE_ENV] = template;
  } catch (error) {
    if (process.env.CI) throw new Error(`PostgreSQL at ${url} is required in CI: ${String(error)}`, { cause: error });
    console.warn(`[patchbay tests] PostgreSQL not reachable at ${url}; PostgreSQL suites are skipped locally.`);
    process.env[PG_TEMPLATE_ENV] = 'unavailable';
    adminUrl = undefined;
  }

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (!adminUrl) return;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 or datname = $2`,
      [`${template.replace('tpl', 't')}\\_%`, template],
    );
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
  };
}

async function dumpMigratedPglite(): Promise<Blob> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { wrap } = await import('../open-pglite.ts');
  const raw = new PGlite();
  await raw.waitReady;
  await migrate(wrap(raw));
  const blob = await raw.dumpDataDir('gzip');
  await raw.close();
  return blob;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
