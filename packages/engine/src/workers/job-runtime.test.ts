import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine, type Engine } from '../create-engine.ts';
import { systemActor, type Actor } from '../lib/actor.ts';
import { spawnWorker } from './crash-support.ts';
import { GatedSource, gatedConnector, items, waitFor } from './test-support.ts';

describe.each(testDatabaseKinds())('queue, workers and leases on %s', (kind) => {
  let t: TestDatabase | undefined;
  const engines: Engine[] = [];
  afterEach(async () => {
    for (const e of engines.splice(0)) {
      await e.jobs.stop();
      await e.sync.shutdown();
    }
    await t?.close();
    t = undefined;
  });

  async function setup(source: GatedSource) {
    t = await createTestDatabase(kind);
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const engine = createEngine({ database: t.database, clock, log: pino({ level: 'silent' }), connectors: [gatedConnector(source)] });
    engines.push(engine);
    const boot = await engine.start();
    const actor: Actor = systemActor(boot!.organizationId, 'test');
    const instance = await engine.instances.create(actor, { name: 'gated', connectorId: 'gated-source' });
    await engine.instances.activate(actor, instance.id);
    const q = <T>(sql: string, params: unknown[] = []) => t!.database.query<T>(sql, params);
    const status = async (id: string) => (await q<{ status: string }>('select status from sync_executions where id = $1', [id]))[0]?.status;
    return { clock, engine, actor, instance, q, status };
  }

  it('queues a manual sync in the transaction that creates it; a worker runs it at once', async () => {
    const source = new GatedSource();
    source.items = items(1, 5);
    const { engine, actor, instance, q, status } = await setup(source);
    await engine.jobs.start({ concurrency: 2 });
    const [execution] = await engine.sync.start(actor, instance.id, { stream: 'alerts' });
    expect(execution).toMatchObject({ status: 'pending', trigger: 'manual' });
    await waitFor(async () => (await status(execution!.id)) === 'completed', 'the queued sync to complete');
    await waitFor(async () => (await q('select * from sync_leases')).length === 0, 'the lease to be given up');
    const [row] = await q<{ records_created: number; pages: number }>('select records_created, pages from sync_executions where id = $1', [execution!.id]);
    expect(row).toEqual({ records_created: 5, pages: 3 });
    await waitFor(async () => (await q<{ state: string }>(`select state from pgboss.job where data->>'executionId' = $1`, [execution!.id]))[0]?.state === 'completed', 'the job to complete');
  });

  it('runs at most one sync per (instance, stream): the next one waits its turn, other streams do not', async () => {
    const source = new GatedSource();
    source.items = items(1, 6);
    source.paused = true;
    const { engine, actor, instance, q, status } = await setup(source);
    await engine.jobs.start({ concurrency: 4 });
    const [first] = await engine.sync.start(actor, instance.id, { stream: 'alerts' });
    await waitFor(() => source.waiting === 1, 'the first sync to wait for its first page');
    const [second] = await engine.sync.start(actor, instance.id, { stream: 'alerts' });
    const [other] = await engine.sync.start(actor, instance.id, { stream: 'assets' });
    await waitFor(() => source.waiting === 2, 'the other stream to start beside it');
    // The second job was fetched and found the stream busy: it stays pending.
    await waitFor(async () => (await q<{ n: number }>(`select count(*)::int as n from pgboss.job where data->>'executionId' = $1 and state = 'completed'`, [second!.id]))[0]!.n === 1, 'the busy job to be set aside');
    expect(await status(second!.id)).toBe('pending');
    expect(await q<{ stream: string }>('select stream from sync_leases order by stream')).toEqual([{ stream: 'alerts' }, { stream: 'assets' }]);
    source.resume();
    await waitFor(async () => (await status(second!.id)) === 'completed', 'the second sync to run after the first');
    const rows = await q<{ id: string; started_at: Date; ended_at: Date; records_created: number }>('select id, started_at, ended_at, records_created from sync_executions where stream = $1 order by created_at', ['alerts']);
    expect(rows.map((r) => r.id)).toEqual([first!.id, second!.id]);
    expect(rows[1]!.started_at.getTime()).toBeGreaterThanOrEqual(rows[0]!.ended_at.getTime());
    expect(rows[1]!.records_created).toBe(0); // incremental: it resumed after the first one's checkpoint
    expect(await status(other!.id)).toBe('completed');
  });

  it('cancels a pending execution at once and a running one after its page in flight', async () => {
    const source = new GatedSource();
    source.items = items(1, 10);
    source.paused = true;
    const { engine, actor, instance, q, status } = await setup(source);
    await engine.jobs.start({ concurrency: 2 });
    const [running] = await engine.sync.start(actor, instance.id, { stream: 'alerts' });
    await waitFor(() => source.waiting === 1, 'the sync to wait for its first page');
    source.step();
    await waitFor(async () => (await q<{ pages: number }>('select pages from sync_executions where id = $1', [running!.id]))[0]!.pages === 1 && source.waiting === 1, 'one page committed');
    const [queued] = await engine.sync.start(actor, instance.id, { stream: 'alerts' });
    const pending = await engine.sync.cancel(actor, queued!.id);
    expect(pending).toMatchObject({ status: 'cancelled', errorDetails: { code: 'REQUEST_CANCELLED' } });
    expect(pending.cancelRequestedAt).not.toBeNull();
    const requested = await engine.sync.cancel(actor, running!.id);
    expect(requested).toMatchObject({ status: 'running' });
    await waitFor(async () => (await status(running!.id)) === 'cancelled', 'the running sync to stop');
    const [row] = await q<{ pages: number; records_created: number }>('select pages, records_created from sync_executions where id = $1', [running!.id]);
    expect(row).toEqual({ pages: 1, records_created: 2 });
    expect(await q('select checkpoint from stream_states')).toEqual([{ checkpoint: { offset: 2 } }]);
    await expect(engine.sync.cancel(actor, running!.id)).rejects.toMatchObject({ code: 'INVALID_STATE_TRANSITION' });
    const audit = await q<{ action: string }>(`select action from audit_log where action = 'sync.cancel_requested'`);
    expect(audit).toHaveLength(2);
    expect(await status(queued!.id)).toBe('cancelled');
  });

  it('puts running syncs back in the queue when the worker stops; the next worker resumes from the checkpoint', async () => {
    const source = new GatedSource();
    source.items = items(1, 8);
    source.paused = true;
    const { engine, actor, instance, q, status } = await setup(source);
    await engine.jobs.start({ concurrency: 1 });
    const [execution] = await engine.sync.start(actor, instance.id, { stream: 'alerts' });
    await waitFor(() => source.waiting === 1, 'the first page');
    source.step();
    await waitFor(async () => (await q<{ pages: number }>('select pages from sync_executions where id = $1', [execution!.id]))[0]!.pages === 1 && source.waiting === 1, 'one page committed');
    await engine.jobs.stop();
    expect(await status(execution!.id)).toBe('pending');
    expect(await q('select * from sync_leases')).toEqual([]);
    source.resume();
    await engine.jobs.start({ concurrency: 1 });
    await waitFor(async () => (await status(execution!.id)) === 'completed', 'the resumed sync');
    const [row] = await q<{ pages: number; records_created: number }>('select pages, records_created from sync_executions where id = $1', [execution!.id]);
    expect(row).toEqual({ pages: 4, records_created: 8 });
    expect((await q<{ n: number }>(`select count(*)::int as n from outbox where type = 'record.created'`))[0]!.n).toBe(8);
  });

  it("takes back the syncs of a worker that died and runs them again from their checkpoint", async () => {
    const source = new GatedSource();
    source.items = items(1, 4);
    const { engine, instance, q, status, clock } = await setup(source);
    // What a killed process leaves: its worker row, a lease, a running execution, a checkpoint after page 1.
    const dead = randomUUID();
    const now = clock.now().toISOString();
    await q(`insert into workers (id, hostname, pid, concurrency, started_at, heartbeat_at) values ($1, 'gone', 999999, 1, $2, $2)`, [dead, now]);
    const [execution] = await q<{ id: string }>(
      `insert into sync_executions (organization_id, instance_id, stream, trigger, status, started_at, heartbeat_at, pages, records_processed, records_created, created_at)
       values ($1, $2, 'alerts', 'manual', 'running', $3, $3, 1, 2, 0, $3) returning id`,
      [instance.organizationId, instance.id, now],
    );
    await q(`insert into sync_leases (instance_id, stream, execution_id, worker_id, acquired_at, heartbeat_at) values ($1, 'alerts', $2, $3, $4, $4)`, [instance.id, execution!.id, dead, now]);
    await q(`insert into stream_states (instance_id, stream, checkpoint, updated_at) values ($1, 'alerts', '{"offset": 2}', $2)`, [instance.id, now]);
    await engine.jobs.start({ concurrency: 1 });
    await waitFor(async () => (await status(execution!.id)) === 'completed', 'the recovered sync');
    const [w] = await q<{ stop_reason: string }>('select stop_reason from workers where id = $1', [dead]);
    expect(w!.stop_reason).toBe('dead');
    const [row] = await q<{ records_created: number }>('select records_created from sync_executions where id = $1', [execution!.id]);
    expect(row!.records_created).toBe(2); // only the two records after the checkpoint
    expect(source.served).toBe(1);
  });

  it.skipIf(kind !== 'postgres')('starts the queue from several processes at once on a fresh database', async () => {
    t = await createTestDatabase(kind); // pg-boss has not created its schema here yet
    const children = [1, 2, 3].map(() => spawnWorker({ DATABASE_URL: t!.url!, PATCHBAY_WORKER_CONNECTOR: 'memory' }));
    try {
      await Promise.all(children.map((c) => c.ready));
    } finally {
      for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGTERM');
      await Promise.all(children.map((c) => c.exited));
    }
  }, 60_000);

  it('without a queue, a second direct run of a busy stream fails SYNC_ALREADY_RUNNING', async () => {
    const source = new GatedSource();
    source.items = items(1, 4);
    source.paused = true;
    const { engine, actor, instance } = await setup(source);
    const first = engine.sync.runNow(actor, instance.id, { stream: 'alerts' });
    await waitFor(() => source.waiting === 1, 'the first run');
    const [second] = await engine.sync.runNow(actor, instance.id, { stream: 'alerts' });
    expect(second).toMatchObject({ status: 'failed', errorDetails: { code: 'SYNC_ALREADY_RUNNING' } });
    source.resume();
    const [done] = await first;
    expect(done).toMatchObject({ status: 'completed', recordsCreated: 4 });
  });
});
