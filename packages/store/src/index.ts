export * from './schema/index.ts';
export type { Database, DatabaseKind, Db, QueryOptions, Schema } from './database.ts';
export { openPglite, type OpenPgliteOptions } from './open-pglite.ts';
export { openPostgres, redactUrl, type OpenPostgresOptions } from './open-postgres.ts';
export { migrate, migrationsFolder } from './migrate.ts';
export { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
export { openStore, type Store, type StoreOptions } from './open-store.ts';
