/** Where the test databases come from; read once from the environment the global setup prepared. */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
}

/** Set by the global setup: a file holding a migrated PGlite dump. */
export const PGLITE_TEMPLATE_ENV = 'PATCHBAY_TEST_PGLITE_TEMPLATE';
/** Set by the global setup: the migrated PostgreSQL template database, or `unavailable`. */
export const PG_TEMPLATE_ENV = 'PATCHBAY_TEST_PG_TEMPLATE';
