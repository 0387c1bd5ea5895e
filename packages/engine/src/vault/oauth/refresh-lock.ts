import { sql } from 'drizzle-orm';
import type { Database, Db } from '@patchbay/store';

/** Runs `fn` holding the cross-process refresh lock for `key`; `fn` must use the handle it is given. */
export type RefreshLock = <T>(key: string, fn: (handle: Db) => Promise<T>) => Promise<T>;

/**
 * PostgreSQL: a transaction-scoped advisory lock, so one process refreshes and the others wait for its
 * commit, then read its token. The holder does all its database work on that transaction, so waiting never
 * needs a second pool connection. PGlite: one process owns the data folder (the folder lock), so the
 * in-process single-flight already serialises refreshes; holding its only connection across a network
 * call would stall the whole hub, so no database lock is taken there.
 */
export function refreshLockFor(database: Database): RefreshLock {
  if (database.kind === 'pglite') return (_key, fn) => fn(database.db);
  return (key, fn) =>
    database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`patchbay:oauth:${key}`}, 0))`);
      return fn(tx);
    });
}
