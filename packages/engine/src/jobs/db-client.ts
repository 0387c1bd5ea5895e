import pg from 'pg';
import type { Database } from '@patchbay/store';

/** The driver client under drizzle: a pg.Pool on PostgreSQL, the PGlite instance on PGlite. */
export function driverOf(database: Database): unknown {
  return (database.db as unknown as { $client: unknown }).$client;
}

export interface PgliteClient {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(text: string): Promise<Array<{ rows: unknown[] }>>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

export function pgliteOf(database: Database): PgliteClient {
  if (database.kind !== 'pglite') throw new Error('not a PGlite database');
  return driverOf(database) as PgliteClient;
}

export function poolOf(database: Database): pg.Pool {
  if (database.kind !== 'postgres') throw new Error('not a PostgreSQL database');
  return driverOf(database) as pg.Pool;
}

/**
 * A connection of its own (not from the pool): it holds session state (advisory locks, LISTEN) for as
 * long as the process lives, and closing it (or the process dying) releases that state.
 */
export async function dedicatedClient(database: Database, applicationName: string): Promise<pg.Client> {
  const options = poolOf(database).options as pg.ClientConfig;
  const client = new pg.Client({ ...options, application_name: applicationName });
  await client.connect();
  return client;
}
