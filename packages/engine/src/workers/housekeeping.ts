import type { Database } from '@patchbay/store';
import { poolOf } from '../jobs/db-client.ts';

/** A periodic hub-wide task the scheduler process runs: freshness checks, retention, credential expiry. */
export interface HousekeepingTask {
  /** Stable name: the log's `task` and the advisory lock's key. */
  readonly name: string;
  /** Clock time between two runs; the first run is at start. */
  readonly everyMs: number;
  readonly run: () => Promise<unknown>;
}

/** Advisory lock keys: one per task name, in a range of their own. */
const LOCK_BASE = 7_402_116_000;

function lockKey(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 997;
  return LOCK_BASE + h;
}

/**
 * Runs the task unless another process is running it now (several schedulers may run on PostgreSQL;
 * the task's effects are idempotent, this only spares the duplicate work and duplicate events). On PGlite
 * there is one process. Returns whether it ran.
 */
export async function runExclusive(database: Database, task: HousekeepingTask): Promise<boolean> {
  if (database.kind === 'pglite') {
    await task.run();
    return true;
  }
  const session = await poolOf(database).connect();
  try {
    const [row] = (await session.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [lockKey(task.name)])).rows;
    if (!row?.locked) return false;
    try {
      await task.run();
      return true;
    } finally {
      await session.query('select pg_advisory_unlock($1)', [lockKey(task.name)]).catch(() => undefined);
    }
  } finally {
    session.release();
  }
}
