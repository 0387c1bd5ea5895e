import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { systemActor } from '../lib/actor.ts';
import { createEngine } from '../create-engine.ts';
import { MemorySource, memoryConnector } from '../testing/memory-source.ts';

const item = (n: number, title = `finding ${n}`) => ({ id: `f-${n}`, title, severity: n % 10, updated: 1_700_000_000_000 + n });

describe.each(testDatabaseKinds())('stream runner on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setup(fullRefresh = false) {
    t = await createTestDatabase(kind);
    const source = new MemorySource();
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const engine = createEngine({ database: t.database, clock, log: pino({ level: 'silent' }), connectors: [memoryConnector(source, { fullRefresh })] });
    const boot = await engine.start();
    const actor = systemActor(boot!.organizationId, 'test');
    const instance = await engine.instances.create(actor, { name: 'mem', connectorId: 'memory-source' });
    const q = <T>(sql: string, params: unknown[] = []) => t!.database.query<T>(sql, params);
    return { source, clock, engine, actor, instance, q };
  }

  it('writes records, checkpoint, counters and events page by page, and resumes after a crash with nothing lost or duplicated', async () => {
    const { source, engine, actor, instance, q } = await setup();
    source.items = [1, 2, 3, 4, 5, 6, 7].map((n) => item(n));
    source.failAtPage = 2; // pages 0 and 1 commit, then the vendor fails
    const [failed] = await engine.sync.runNow(actor, instance.id);
    expect(failed).toMatchObject({ status: 'failed', pages: 2, recordsCreated: 4, errorDetails: { code: 'VENDOR_UNAVAILABLE' } });
    expect(await q(`select checkpoint from stream_states`)).toEqual([{ checkpoint: { offset: 4 } }]);

    const [resumed] = await engine.sync.runNow(actor, instance.id);
    expect(resumed).toMatchObject({ status: 'completed', recordsCreated: 3, recordsProcessed: 3 });
    const rows = await q<{ external_id: string }>(`select external_id from records order by external_id`);
    expect(rows.map((r) => r.external_id)).toEqual(['f-1', 'f-2', 'f-3', 'f-4', 'f-5', 'f-6', 'f-7']);
    const events = await q<{ type: string; n: number }>(`select type, count(*)::int as n from outbox where type like 'record.%' or type like 'sync.%' group by type order by type`);
    expect(events).toEqual([{ type: 'record.created', n: 7 }, { type: 'sync.completed', n: 1 }, { type: 'sync.failed', n: 1 }]);
  });

  it('counts unchanged and updated records on a later run and emits only the changes', async () => {
    const { source, engine, actor, instance, q } = await setup();
    source.items = [1, 2, 3].map((n) => item(n));
    await engine.sync.runNow(actor, instance.id);
    await q(`delete from stream_states`); // read everything again
    source.items = [item(1), item(2, 'renamed'), item(3), item(4)];
    const [second] = await engine.sync.runNow(actor, instance.id);
    expect(second).toMatchObject({ recordsCreated: 1, recordsUpdated: 1, recordsUnchanged: 2 });
    const [updated] = await q<{ revision: number; data: { finding_info: { title: string } } }>(`select revision::int as revision, data from records where external_id = 'f-2'`);
    expect(updated).toMatchObject({ revision: 2, data: { finding_info: { title: 'renamed' } } });
    const types = await q<{ type: string }>(`select type from outbox order by seq`);
    expect(types.filter((e) => e.type === 'record.updated')).toHaveLength(1);
  });

  it('detects deletions on full-refresh streams, also when the run was interrupted', async () => {
    const { source, engine, actor, instance, clock, q } = await setup(true);
    source.items = [1, 2, 3, 4, 5].map((n) => item(n));
    await engine.sync.runNow(actor, instance.id);
    clock.advance(60_000);
    source.items = [1, 2, 4, 5].map((n) => item(n)); // 3 disappeared at the vendor
    source.failAtPage = 1;
    const [interrupted] = await engine.sync.runNow(actor, instance.id);
    expect(interrupted!.status).toBe('failed');
    clock.advance(60_000);
    const [done] = await engine.sync.runNow(actor, instance.id);
    expect(done).toMatchObject({ status: 'completed', recordsDeleted: 1 });
    const deleted = await q<{ external_id: string }>(`select external_id from records where deleted_at is not null`);
    expect(deleted).toEqual([{ external_id: 'f-3' }]);
    expect(await q(`select checkpoint, run_started_at from stream_states`)).toEqual([{ checkpoint: null, run_started_at: null }]);
    expect((await q<{ n: number }>(`select count(*)::int as n from outbox where type = 'record.deleted'`))[0]!.n).toBe(1);
    // It comes back: undeleted and updated.
    source.items = [1, 2, 3, 4, 5].map((n) => item(n));
    const [back] = await engine.sync.runNow(actor, instance.id);
    expect(back).toMatchObject({ recordsUpdated: 1, recordsDeleted: 0 });
  });

  it('keeps records that fail mapping or validation, with the reason', async () => {
    const { source, engine, actor, instance, q } = await setup();
    source.items = [item(1), { ...item(2), id: '' }, { ...item(3), updated: 'not a time' as unknown as number }];
    const [run] = await engine.sync.runNow(actor, instance.id);
    expect(run).toMatchObject({ status: 'completed', recordsCreated: 1, recordsFailed: 1, recordsInvalid: 1, recordsProcessed: 3 });
    const rejects = await q<{ kind: string; external_id: string | null; reason: { errors?: { path: string }[]; message?: string } }>(`select kind, external_id, reason from rejected_records order by kind`);
    expect(rejects[0]).toMatchObject({ kind: 'failed', reason: { message: expect.stringMatching(/no usable id/) } });
    expect(rejects[1]).toMatchObject({ kind: 'invalid', external_id: 'f-3', reason: { errors: [expect.objectContaining({ path: '/time' })] } });
  });

  it('restarts from the last checkpoint when the vendor page token expires', async () => {
    const { source, engine, actor, instance, q } = await setup();
    source.items = [1, 2, 3, 4, 5, 6].map((n) => item(n));
    source.expireTokenAtPage = 1;
    const [run] = await engine.sync.runNow(actor, instance.id);
    expect(run).toMatchObject({ status: 'completed', recordsCreated: 6 });
    expect((await q<{ n: number }>(`select count(*)::int as n from records`))[0]!.n).toBe(6);
  });

  it('marks a cancelled run cancelled and keeps its checkpoint', async () => {
    const { source, engine, actor, instance } = await setup();
    source.items = [1, 2, 3, 4].map((n) => item(n));
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    const [run] = await engine.sync.runNow(actor, instance.id, { signal: controller.signal });
    expect(run!.status).toBe('cancelled');
  });
});
