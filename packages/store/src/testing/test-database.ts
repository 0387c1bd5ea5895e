import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { Database, DatabaseKind } from '../database.ts';
import { openPglite } from '../open-pglite.ts';
import { openPostgres } from '../open-postgres.ts';
import { withDatabase } from './global-setup.ts';
import { PG_TEMPLATE_ENV, PGLITE_TEMPLATE_ENV, testDatabaseUrl } from './test-env.ts';

/** The database kinds this run tests against: both, unless PostgreSQL is unreachable outside CI. */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env[PG_TEMPLATE_ENV] === 'unavailable' ? ['pglite'] : ['pglite', 'postgres'];
}

export interface TestDatabase {
  readonly database: Database;
  /** For PostgreSQL: the connection string of this test's own database (for child processes). */
  readonly url: string | undefined;
  close(): Promise<void>;
}

/** A fresh, migrated, isolated database: a loaded PGlite dump, or a PostgreSQL database cloned from the template. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const file = process.env[PGLITE_TEMPLATE_ENV];
    if (!file) throw new Error('The PGlite template is missing: run tests through vitest (global setup).');
    const database = await openPglite({ loadDataDir: new Blob([readFileSync(file)]) });
    return { database, url: undefined, close: () => database.close() };
  }
  const template = process.env[PG_TEMPLATE_ENV];
  if (!template || template === 'unavailable') throw new Error('No PostgreSQL template database for this run.');
  // Named after the run's template, so the run's teardown drops exactly its own databases.
  const name = `${template.replace('tpl', 't')}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(testDatabaseUrl(), name);
  const database = await openPostgres({ url });
  return {
    database,
    url,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl() });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`).finally(() => cleanup.end());
    },
  };
}
