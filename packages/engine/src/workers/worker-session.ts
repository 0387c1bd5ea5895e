import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { eq } from 'drizzle-orm';
import type pg from 'pg';
import { workers } from '@patchbay/store';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { dedicatedClient, pgliteOf } from '../jobs/db-client.ts';

/**
 * This process as a runner of syncs: its row in `workers`, and how it knows whether another is alive.
 *
 * On PostgreSQL the session holds an advisory lock named after the worker's id on a connection of its
 * own: when the process dies its connection closes and the lock is free, so "alive" is exact and
 * immediate (no heartbeat timeout to wait out). On PGlite only one process may open the data folder, so
 * a worker is alive exactly when it was registered by this process.
 */
export interface WorkerSession {
  readonly id: string;
  isAlive(workerId: string): Promise<boolean>;
  /** Delivers NOTIFY payloads of `channel` (after the sending transaction commits). */
  listen(channel: string, onMessage: (payload: string) => void): Promise<void>;
  /** Called if the session's connection is lost: this process can no longer prove it is alive. */
  onLost(listener: (error: unknown) => void): void;
  heartbeat(): Promise<void>;
  close(): Promise<void>;
}

export interface SessionOptions {
  readonly concurrency: number;
}

const lockKey = (workerId: string) => `patchbay.worker:${workerId}`;

/** Workers registered by this process, per PGlite instance. */
const localWorkers = new WeakMap<object, Set<string>>();

async function register(deps: EngineDeps, id: string, options: SessionOptions): Promise<void> {
  const now = deps.clock.now();
  await deps.database.db.insert(workers).values({ id, hostname: hostname(), pid: process.pid, concurrency: options.concurrency, startedAt: now, heartbeatAt: now });
}

async function markStopped(deps: EngineDeps, id: string): Promise<void> {
  await deps.database.db.update(workers).set({ stoppedAt: deps.clock.now(), stopReason: 'stopped' }).where(eq(workers.id, id));
}

async function openPgliteSession(deps: EngineDeps, options: SessionOptions): Promise<WorkerSession> {
  const pglite = pgliteOf(deps.database);
  const ids = localWorkers.get(pglite) ?? new Set<string>();
  localWorkers.set(pglite, ids);
  const id = randomUUID();
  await register(deps, id, options);
  ids.add(id);
  const unlisten: Array<() => Promise<void>> = [];
  return {
    id,
    isAlive: async (workerId) => ids.has(workerId),
    async listen(channel, onMessage) {
      unlisten.push(await pglite.listen(channel, onMessage));
    },
    onLost: () => undefined,
    async heartbeat() {
      await deps.database.db.update(workers).set({ heartbeatAt: deps.clock.now() }).where(eq(workers.id, id));
    },
    async close() {
      for (const u of unlisten.splice(0)) await u().catch(() => undefined);
      ids.delete(id);
      await markStopped(deps, id).catch(() => undefined);
    },
  };
}

async function openPostgresSession(deps: EngineDeps, options: SessionOptions): Promise<WorkerSession> {
  const client: pg.Client = await dedicatedClient(deps.database, 'patchbay-worker');
  const lost = new Set<(error: unknown) => void>();
  let closing = false;
  const onGone = (error: unknown) => {
    if (closing) return;
    closing = true;
    for (const l of lost) l(error);
  };
  // This connection alone must not keep a process alive: a CLI command that ran a sync exits when it is done.
  (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
  client.on('error', onGone);
  client.on('end', () => onGone(new Error('worker session connection closed')));
  let id = randomUUID();
  // A fresh random id: its lock is free unless a 64-bit hash collides, in which case draw again.
  for (;;) {
    const [row] = (await client.query<{ got: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as got', [lockKey(id)])).rows;
    if (row?.got) break;
    id = randomUUID();
  }
  await register(deps, id, options);
  const handlers = new Map<string, Set<(payload: string) => void>>();
  client.on('notification', (n) => {
    for (const h of handlers.get(n.channel) ?? []) h(n.payload ?? '');
  });
  return {
    id,
    async isAlive(workerId) {
      if (workerId === id) return true;
      const { rows } = await client.query<{ got: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as got', [lockKey(workerId)]);
      if (!rows[0]?.got) return true;
      await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [lockKey(workerId)]);
      return false;
    },
    async listen(channel, onMessage) {
      if (!handlers.has(channel)) {
        handlers.set(channel, new Set());
        await client.query(`listen ${client.escapeIdentifier(channel)}`);
      }
      handlers.get(channel)!.add(onMessage);
    },
    onLost: (listener) => void lost.add(listener),
    async heartbeat() {
      await deps.database.db.update(workers).set({ heartbeatAt: deps.clock.now() }).where(eq(workers.id, id));
    },
    async close() {
      closing = true;
      await markStopped(deps, id).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

export function openWorkerSession(deps: EngineDeps, options: SessionOptions): Promise<WorkerSession> {
  return deps.database.kind === 'pglite' ? openPgliteSession(deps, options) : openPostgresSession(deps, options);
}
