import { join, resolve } from 'node:path';
import type { Database } from './database.ts';
import { lockDataDir, type DataDirLock } from './data-dir-lock.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './open-pglite.ts';
import { openPostgres } from './open-postgres.ts';

export interface StoreOptions {
  /** PostgreSQL connection string; when absent, embedded PGlite in `dataDir`. */
  readonly databaseUrl?: string;
  readonly dataDir: string;
  /** Apply pending migrations on open (default true). */
  readonly migrate?: boolean;
}

export interface Store {
  readonly database: Database;
  readonly dataDir: string;
  close(): Promise<void>;
}

/**
 * Opens the configured database: PostgreSQL when a URL is given (many processes may share it), otherwise
 * PGlite in the data folder behind the folder's exclusive lock (one process only).
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const dataDir = resolve(options.dataDir);
  const lock: DataDirLock = options.databaseUrl ? { path: '', release: () => undefined } : lockDataDir(dataDir);
  let database: Database | undefined;
  try {
    database = options.databaseUrl
      ? await openPostgres({ url: options.databaseUrl })
      : await openPglite({ dir: join(dataDir, 'pglite') });
    if (options.migrate !== false) await migrate(database);
  } catch (error) {
    await database?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
  const opened = database;
  return {
    database: opened,
    dataDir,
    async close() {
      try {
        await opened.close();
      } finally {
        lock.release();
      }
    },
  };
}
