import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { PatchbayError } from '@patchbay/types';
import * as schema from './schema/index.ts';
import type { Database, Db } from './database.ts';

export interface OpenPgliteOptions {
  /** Folder for the database files; omitted: in memory. */
  readonly dir?: string;
  /** A dump made by `dumpDataDir()` to start from (tests clone a migrated template this way). */
  readonly loadDataDir?: Blob;
}

async function start(options: OpenPgliteOptions): Promise<PGlite> {
  const pg = new PGlite({ dataDir: options.dir, loadDataDir: options.loadDataDir });
  await pg.waitReady;
  return pg;
}

/**
 * Opens embedded PostgreSQL. After a SIGKILL PGlite can fail to reopen its folder because the killed
 * process left `postmaster.pid` behind; the data-folder lock already proved no live process holds the
 * folder, so the stale pid file is removed and the open retried once (PostgreSQL then runs crash recovery
 * from its WAL). A second failure is reported with what to do.
 */
export async function openPglite(options: OpenPgliteOptions = {}): Promise<Database> {
  let pg: PGlite;
  try {
    pg = await start(options);
  } catch (first) {
    const pidFile = options.dir ? join(options.dir, 'postmaster.pid') : undefined;
    if (!pidFile || !existsSync(pidFile)) throw corrupt(options.dir, first);
    rmSync(pidFile);
    try {
      pg = await start(options);
    } catch (second) {
      throw corrupt(options.dir, second);
    }
  }
  return wrap(pg);
}

export function wrap(pg: PGlite): Database {
  const client = drizzle({ client: pg, schema });
  const db = client as unknown as Db;
  return {
    kind: 'pglite',
    db,
    async query<T>(text: string, params?: unknown[]) {
      if (params && params.length > 0) return (await pg.query<T>(text, params)).rows;
      const results = await pg.exec(text);
      return (results.at(-1)?.rows ?? []) as T[];
    },
    async applyMigrations(migrationsFolder) {
      await migrate(client, { migrationsFolder });
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}

function corrupt(dir: string | undefined, cause: unknown): PatchbayError {
  return new PatchbayError('DATA_DIR_CORRUPT', {
    message: `The embedded database in ${dir ?? 'memory'} could not be opened`,
    hint: 'Restore the data folder from a backup, or move it aside to start empty; the error is in the cause.',
    cause,
  });
}
