import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openPglite, openStore } from '@patchbay/store';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { bearerAuth } from '@patchbay/sdk';
import { Secret, systemClock } from '@patchbay/types';
import httpJson from '../../../../connectors/http-json/connector.ts';
import { startHttpJsonSimulator } from '../../../../connectors/http-json/simulator/index.ts';
import { createEngine, type Engine } from '../create-engine.ts';
import { systemActor } from '../lib/actor.ts';
import { compareWithSource, spawnWorker, type WorkerChild } from './crash-support.ts';
import { waitFor } from './test-support.ts';

/** Kills per run: PATCHBAY_CRASH_KILLS (CI sets 50), a few locally. */
const KILLS = Number(process.env.PATCHBAY_CRASH_KILLS ?? 5);
const log = pino({ level: 'silent' });
const auth = bearerAuth({ token: new Secret('crash-test-token') });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function hubOn(engine: Engine, configuration: Record<string, unknown>) {
  const boot = await engine.start();
  const organizationId = boot?.organizationId ?? (await engine.deps.database.query<{ id: string }>('select id from organizations limit 1'))[0]!.id;
  const actor = systemActor(organizationId, 'crash-test');
  const instance = await engine.instances.create(actor, { name: 'crash', connectorId: 'http-json', configuration, allowPrivateNetwork: true });
  await engine.instances.activate(actor, instance.id);
  return { actor, instance };
}

const openCount = (t: { query: <T>(s: string, p?: unknown[]) => Promise<T[]> }) =>
  t.query<{ n: number }>(`select count(*)::int as n from sync_executions where status in ('pending', 'running')`).then((r) => r[0]!.n);

describe.skipIf(!testDatabaseKinds().includes('postgres'))('SIGKILL at random points, PostgreSQL, two worker processes', () => {
  const children: WorkerChild[] = [];
  let t: TestDatabase | undefined;
  afterAll(async () => {
    for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await t?.close();
  });

  it(`ends with exactly the source's records after ${KILLS} kills: none lost, none duplicated`, async () => {
    t = await createTestDatabase('postgres');
    const sim = await startHttpJsonSimulator({ pageSize: 20, clock: systemClock, mode: 'cursor', incremental: true });
    try {
      sim.seed('records', { count: 2000, equalTimestampsAtBoundary: true });
      const engine = createEngine({ database: t.database, log, connectors: [httpJson], authFor: async () => auth });
      const { actor, instance } = await hubOn(engine, sim.configuration as Record<string, unknown>);
      await engine.jobs.start({ workers: false }); // this process only queues
      const env = { DATABASE_URL: t.url! };
      const spawnOne = () => {
        const w = spawnWorker(env);
        children.push(w);
        return w;
      };
      await Promise.all([spawnOne().ready, spawnOne().ready]);
      await engine.sync.start(actor, instance.id, { stream: 'records' });

      let kills = 0;
      let rounds = 0;
      while (kills < KILLS) {
        if ((await openCount(t.database)) === 0) {
          // The run finished between kills: the vendor changes, and a new run starts.
          sim.mutate!('records', { create: 60, update: 40 });
          await engine.sync.start(actor, instance.id, { stream: 'records' });
          rounds++;
        }
        let pid: number | undefined;
        await waitFor(async () => {
          const [held] = await t!.database.query<{ pid: number }>('select w.pid from sync_leases l join workers w on w.id = l.worker_id');
          pid = held?.pid;
          return pid !== undefined || (await openCount(t!.database)) === 0;
        }, 'a worker to take the sync', 60_000);
        if (pid === undefined) continue;
        await sleep(Math.floor(Math.random() * 400)); // a random point: before the first page, mid-page, between pages
        const victim = children.find((c) => c.child.pid === pid && c.child.exitCode === null);
        if (!victim) continue;
        victim.child.kill('SIGKILL');
        await victim.exited;
        kills++;
        spawnOne(); // two workers again (it joins when ready; the survivor takes the sync over meanwhile)
      }
      sim.mutate!('records', { create: 25, update: 25 });
      await engine.sync.start(actor, instance.id, { stream: 'records' });
      await waitFor(async () => (await openCount(t!.database)) === 0, 'the last run to finish', 120_000).catch(async (error: unknown) => {
        // What was left behind, for the failure message.
        const q = (sql: string) => t!.database.query(sql);
        const state = {
          open: await q(`select id, status, pages, started_at, heartbeat_at, error_details from sync_executions where status in ('pending', 'running')`),
          leases: await q('select * from sync_leases'),
          workers: await q('select id, pid, stopped_at, stop_reason from workers order by started_at'),
          jobs: await q(`select id, state, retry_count, data, started_on, heartbeat_on from pgboss.job where state not in ('completed', 'cancelled')`),
          alive: children.filter((c) => c.child.exitCode === null).map((c) => ({ pid: c.child.pid, output: c.output().slice(-2000) })),
        };
        throw new Error(`${(error as Error).message}: ${JSON.stringify(state, null, 1)}`);
      });

      const result = await compareWithSource(t.database, instance.id, 'records', sim.records('records'));
      expect(result).toEqual({ missing: [], unexpected: [], stale: [], duplicateCreates: [], creates: 2000 + 60 * rounds + 25 });
      const states = await t.database.query<{ status: string; n: number }>('select status, count(*)::int as n from sync_executions group by 1');
      expect(states.map((s) => s.status)).toEqual(['completed']);
      const dead = await t.database.query<{ n: number }>(`select count(*)::int as n from workers where stop_reason = 'dead'`);
      expect(dead[0]!.n).toBeGreaterThanOrEqual(Math.min(KILLS, 1));
      await engine.jobs.stop();
      await engine.sync.shutdown();
      for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGTERM');
      await Promise.all(children.map((c) => c.exited));
    } finally {
      await sim.close();
    }
  }, 60_000 + KILLS * 4_000);
});

describe('SIGKILL and reopen, PGlite (one process at a time)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-crash-'));
  const children: WorkerChild[] = [];
  afterAll(() => {
    for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('resumes a killed worker\'s sync in the next process with nothing lost or duplicated', async () => {
    const sim = await startHttpJsonSimulator({ pageSize: 20, clock: systemClock, mode: 'cursor', incremental: true });
    try {
      sim.seed('records', { count: 600, equalTimestampsAtBoundary: true });
      // The folder starts from the migrated test template (initdb is slow), then is used like a real data folder.
      const seed = await openPglite({ dir: join(dir, 'pglite'), loadDataDir: new Blob([readFileSync(process.env.PATCHBAY_TEST_PGLITE_TEMPLATE!)]) });
      await seed.close();
      let store = await openStore({ dataDir: dir });
      const engine = createEngine({ database: store.database, log, connectors: [httpJson], authFor: async () => auth });
      const { actor, instance } = await hubOn(engine, sim.configuration as Record<string, unknown>);
      await engine.jobs.start({ workers: false });
      await engine.sync.start(actor, instance.id, { stream: 'records' });
      await engine.jobs.stop();
      await engine.sync.shutdown();
      await store.close();

      for (const after of [8, 15]) {
        const worker = spawnWorker({ PATCHBAY_DATA_DIR: dir });
        children.push(worker);
        await worker.ready;
        const before = sim.requests.length;
        await waitFor(() => sim.requests.length >= before + after, 'pages to be served', 60_000);
        worker.child.kill('SIGKILL');
        await worker.exited;
      }
      const last = spawnWorker({ PATCHBAY_DATA_DIR: dir, PATCHBAY_EXIT_WHEN_IDLE: '1' });
      children.push(last);
      expect(await last.exited).toBe(0);

      store = await openStore({ dataDir: dir });
      try {
        const result = await compareWithSource(store.database, instance.id, 'records', sim.records('records'));
        expect(result).toEqual({ missing: [], unexpected: [], stale: [], duplicateCreates: [], creates: 600 });
        const [execution] = await store.database.query<{ status: string; records_created: number }>('select status, records_created from sync_executions');
        expect(execution).toEqual({ status: 'completed', records_created: 600 });
      } finally {
        await store.close();
      }
    } finally {
      await sim.close();
    }
  }, 120_000);
});
