import type { Database } from '@patchbay/store';

/** A database a scenario uses; `close` releases it (a fresh test database is dropped). */
export interface DatabaseLease {
  readonly database: Database;
  close(): Promise<void>;
}

/** Where each scenario gets its database from. */
export interface DatabaseSource {
  /** Names the database in the report (`pglite`, `postgres`, `pglite (in memory)`). */
  readonly label: string;
  open(): Promise<DatabaseLease>;
}

/**
 * One migrated database for every scenario: scenarios stay apart because each installs its own instance,
 * and records, checkpoints, executions, rejects and events all belong to an instance. (A fresh PGlite
 * costs over a second of CPU to load; a run has a dozen scenarios.)
 */
export function sharedDatabase(database: Database, label: string): DatabaseSource {
  return { label, open: async () => ({ database, close: async () => undefined }) };
}

/** For runs of static checks only, which open no database. */
export const noDatabase: DatabaseSource = {
  label: 'none',
  open: () => Promise.reject(new Error('This conformance run has no database: only static checks were asked for')),
};
