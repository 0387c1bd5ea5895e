import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { PatchbayError } from '@patchbay/types';
import * as schema from './schema/index.ts';
import type { Database, Db, QueryOptions } from './database.ts';

/** Stable advisory lock key: concurrent starts against one server migrate one at a time. */
const MIGRATION_LOCK = 7_402_115_001;

export interface OpenPostgresOptions {
  readonly url: string;
  readonly maxConnections?: number;
  readonly applicationName?: string;
}

export async function openPostgres(options: OpenPostgresOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'patchbay',
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight report their own error.
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new PatchbayError('DATABASE_UNAVAILABLE', {
      message: `Cannot connect to PostgreSQL at ${redactUrl(options.url)}`,
      hint: 'Check DATABASE_URL and that the server is running and accepts connections.',
      cause,
    });
  }
  const db = drizzle({ client: pool, schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    async query<T>(text: string, params?: unknown[], options?: QueryOptions) {
      const result = options?.name ? await pool.query({ name: options.name, text, values: params }) : await pool.query(text, params);
      return result.rows as T[];
    },
    async applyMigrations(migrationsFolder) {
      // One session holds the advisory lock and runs the migrations, so concurrent starts queue up.
      const session = await pool.connect();
      try {
        await session.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migrate(drizzle({ client: session, schema }), { migrationsFolder });
      } finally {
        await session.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        session.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

/** postgres://user:secret@host/db → postgres://user:***@host/db */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
