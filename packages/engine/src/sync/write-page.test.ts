import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine } from '../create-engine.ts';
import { systemActor } from '../lib/actor.ts';
import { MemorySource, memoryConnector } from '../testing/memory-source.ts';

describe.each(testDatabaseKinds())('page writes on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('keeps raw payloads up to the size cap, with quotes, backslashes and unicode intact, and writes events from the stored rows', async () => {
    t = await createTestDatabase(kind);
    const source = new MemorySource();
    source.pageSize = 10;
    const engine = createEngine({ database: t.database, clock: new ManualClock('2026-05-01T00:00:00Z'), log: pino({ level: 'silent' }), connectors: [memoryConnector(source)] });
    const boot = await engine.start();
    const actor = systemActor(boot!.organizationId, 'test');
    const instance = await engine.instances.create(actor, { name: 'mem', connectorId: 'memory-source' });
    const tricky = 'quote " backslash \\ tab \t emoji 🛡️ rs \u001e literal \\u0000';
    source.items = [
      { id: 'small', title: tricky, severity: 9, updated: 1_700_000_000_000 },
      { id: 'large', title: 'x'.repeat(600), severity: 1, updated: 1_700_000_000_001 },
    ];
    const [run] = await engine.sync.runNow(actor, instance.id, { keepRawBytes: 300 });
    expect(run).toMatchObject({ status: 'completed', recordsCreated: 2 });
    const rows = await t.database.query<{ external_id: string; raw: { title: string } | null; title: string; severity_id: number; occurred_at: Date }>(
      `select external_id, raw, data->'finding_info'->>'title' as title, severity_id, occurred_at from records order by external_id`,
    );
    expect(rows.map((r) => [r.external_id, r.raw?.title ?? null, r.title])).toEqual([
      ['large', null, 'x'.repeat(600)],
      ['small', tricky, tricky],
    ]);
    expect(rows[1]).toMatchObject({ severity_id: 4, occurred_at: new Date(1_700_000_000_000) });
    const events = await t.database.query<{ type: string; data: { external_id: string; record: { finding_info: { title: string } }; severity_id: number } }>(
      `select type, data from outbox where type like 'record.%' order by seq`,
    );
    expect(events.map((e) => [e.type, e.data.external_id, e.data.severity_id])).toEqual([
      ['record.created', 'large', 1],
      ['record.created', 'small', 4],
    ]);
    expect(events[1]!.data.record.finding_info.title).toBe(tricky);
  });
});
