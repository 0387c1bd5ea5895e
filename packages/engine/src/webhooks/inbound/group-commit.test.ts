import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@patchbay/store';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { createGroupCommit, shapeOf, type InboundInsert } from './group-commit.ts';

const organizationId = randomUUID();

function call(instanceId: string, messageId: string | null, body: string | Buffer = '{"ok":true}'): InboundInsert {
  return { id: randomUUID(), organizationId, instanceId, messageId, headers: { 'content-type': 'application/json' }, body, status: 'received', error: null, sourceIp: '127.0.0.1', receivedAt: new Date('2026-03-01T00:00:00Z') };
}

it('pads a batch to a power of two rows, at most maxBatch', () => {
  expect([1, 2, 3, 5, 8, 9, 33, 64, 65].map((n) => shapeOf(n, 64))).toEqual([1, 2, 4, 8, 8, 16, 64, 64, 64]);
  expect(shapeOf(90, 100)).toBe(100);
});

describe.each(testDatabaseKinds())('group commit on %s', (kind) => {
  let t: TestDatabase;
  /** The statements sent, by the number of parameters they carried. */
  const sent: number[] = [];
  let counted: Database;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    counted = { ...t.database, query: (text, params, options) => (sent.push(params?.length ?? 0), t.database.query(text, params, options)) };
  });
  afterAll(() => t.close());

  const count = async (sql: string, params: unknown[]) => (await t.database.query<{ n: number }>(sql, params))[0]!.n;

  it('stores concurrent calls in shared statements, each with its webhook.received event, and skips replayed message ids', async () => {
    const instanceId = randomUUID();
    const group = createGroupCommit(counted, { maxBatch: 16, maxInFlight: 2 });
    sent.length = 0;
    const first = await Promise.all(Array.from({ length: 100 }, (_, i) => group.store(call(instanceId, `m-${i}`, Buffer.from(`{"i":${i},"name":"é"}`)))));
    expect(first.every(Boolean)).toBe(true);
    expect(sent.length).toBeLessThan(100);
    // Never more than maxBatch calls (10 parameters each) in one statement.
    expect(Math.max(...sent)).toBeLessThanOrEqual(160);
    // A replay in a later batch, and one twice in the same batch: only the new message id is stored, once.
    const again = await Promise.all([group.store(call(instanceId, 'm-7')), group.store(call(instanceId, 'new')), group.store(call(instanceId, 'new'))]);
    expect(again.filter(Boolean)).toHaveLength(1);
    expect(again[0]).toBe(false);
    await group.flushed();
    expect(await count('select count(*)::int as n from inbound_webhooks where instance_id = $1', [instanceId])).toBe(101);
    expect(await count(`select count(*)::int as n from outbox where instance_id = $1 and type = 'webhook.received'`, [instanceId])).toBe(101);
    // The padding rows of each statement are never stored, and a body sent as bytes reads back as its text.
    expect(await count('select count(*)::int as n from inbound_webhooks where id is null or organization_id is null', [])).toBe(0);
    const [row] = await t.database.query<{ body: string }>(`select body from inbound_webhooks where message_id = 'm-42'`);
    expect(row!.body).toBe('{"i":42,"name":"é"}');
  });

  it('fails every caller of a failed statement and stores none of them, then carries on', async () => {
    const instanceId = randomUUID();
    const group = createGroupCommit(t.database);
    const broken = { ...call(instanceId, 'b-0'), id: 'not-a-uuid' };
    const results = await Promise.allSettled([group.store(call(instanceId, 'a-0')), group.store(broken), group.store(call(instanceId, 'a-1'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await count('select count(*)::int as n from inbound_webhooks where instance_id = $1', [instanceId])).toBe(0);
    expect(await group.store(call(instanceId, 'a-0'))).toBe(true);
  });
});
