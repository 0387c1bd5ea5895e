import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** A drizzle database or transaction: repositories take either, so callers choose the boundary. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface QueryOptions {
  /** The prepared statement's name (PostgreSQL only). */
  readonly name?: string;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Db;
  /**
   * Runs raw SQL (several statements allowed on PGlite; one on PostgreSQL) and returns the rows. `name`
   * makes a hot statement a prepared one: PostgreSQL parses and plans it once per connection (the name
   * must always go with the same text); PGlite ignores it.
   */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<T[]>;
  /** Applies pending migrations (driver-specific: PostgreSQL serialises concurrent starts with a lock). */
  applyMigrations(migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
}
