import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import pino from 'pino';
import { createEngine, type Engine } from '../create-engine.ts';
import type { Actor } from '../lib/actor.ts';

describe.each(testDatabaseKinds())('audit chain on %s', (kind) => {
  let t: TestDatabase;
  let engine: Engine;
  let actor: Actor;
  const clock = new ManualClock('2026-03-01T10:00:00Z');

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    engine = createEngine({ database: t.database, clock, log: pino({ level: 'silent' }) });
    const boot = await engine.start();
    const [user] = await t.database.query<{ id: string }>(`select id from users where email = 'admin@localhost'`);
    actor = { type: 'user', organizationId: boot!.organizationId, role: 'admin', userId: user!.id, label: 'admin@localhost' };
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      await engine.users.create(actor, { email: `u${i}@example.com`, name: `User ${i}`, role: 'viewer' });
    }
  });
  afterAll(() => t.close());

  it('records bootstrap and every change, and verifies', async () => {
    const page = await engine.audit.read({ organizationId: actor.organizationId, limit: 200 });
    const actions = page.items.map((r) => r.action);
    expect(actions.filter((a) => a === 'user.created')).toHaveLength(6);
    expect(actions).toContain('token.created');
    expect(await engine.audit.verify()).toEqual({ ok: true, rows: page.items.length });
  });

  it('rolls the audit row back with a failed change', async () => {
    const before = (await engine.audit.read({ limit: 200 })).items.length;
    await expect(engine.users.create(actor, { email: 'u1@example.com', name: 'dup', role: 'viewer' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect((await engine.audit.read({ limit: 200 })).items.length).toBe(before);
  });

  it('names the first modified row', async () => {
    const [row] = await t.database.query<{ seq: number }>(`select seq from audit_log where action = 'user.created' order by seq limit 1 offset 2`);
    await t.database.query(`update audit_log set details = '{"tampered":true}' where seq = $1`, [row!.seq]);
    const result = await engine.audit.verify();
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Number(result.brokenAt.seq)).toBe(Number(row!.seq));
      expect(result.brokenAt.reason).toMatch(/modified/);
    }
  });

  it('detects a deleted row', async () => {
    const t2 = await createTestDatabase(kind);
    try {
      const e2 = createEngine({ database: t2.database, clock, log: pino({ level: 'silent' }) });
      await e2.start();
      const [row] = await t2.database.query<{ seq: number }>(`select seq from audit_log order by seq limit 1 offset 1`);
      await t2.database.query(`delete from audit_log where seq = $1`, [row!.seq]);
      const result = await e2.audit.verify();
      expect(result).toMatchObject({ ok: false, brokenAt: { reason: expect.stringMatching(/removed/) } });
    } finally {
      await t2.close();
    }
  });
});
