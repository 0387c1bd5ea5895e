import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import pino from 'pino';
import { createEngine, type Engine } from '../create-engine.ts';

describe.each(testDatabaseKinds())('tokens and authentication on %s', (kind) => {
  let t: TestDatabase;
  let engine: Engine;
  let adminToken: string;
  const clock = new ManualClock('2026-03-01T10:00:00Z');

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    engine = createEngine({ database: t.database, clock, log: pino({ level: 'silent' }) });
    adminToken = (await engine.start('preset-bootstrap-token-0123456789'))!.token!;
  });
  afterAll(() => t.close());

  it('uses the preset bootstrap token and only once', async () => {
    expect(adminToken).toBe('preset-bootstrap-token-0123456789');
    expect(await engine.start('another-token-0123456789')).toBeUndefined();
    const actor = await engine.authenticate(`Bearer ${adminToken}`, {});
    expect(actor).toMatchObject({ role: 'admin', label: expect.stringContaining('admin@localhost') });
  });

  it('rejects a short preset token', async () => {
    const t2 = await createTestDatabase(kind);
    try {
      const e2 = createEngine({ database: t2.database, clock, log: pino({ level: 'silent' }) });
      await expect(e2.start('short')).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'PATCHBAY_BOOTSTRAP_TOKEN' });
    } finally {
      await t2.close();
    }
  });

  it('stores only a hash, expires, revokes, and audits failures', async () => {
    const admin = await engine.authenticate(`Bearer ${adminToken}`, {});
    const { token, row } = await engine.tokens.create(admin, { name: 'ci', role: 'viewer', expiresAt: new Date(clock.now().getTime() + 60_000) });
    const stored = await t.database.query(`select * from api_tokens where id = $1`, [row.id]);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(row.prefix).toBe(token.slice(0, 12));
    await expect(engine.authenticate(`Bearer ${token}`, {})).resolves.toMatchObject({ role: 'viewer' });
    clock.advance(61_000);
    await expect(engine.authenticate(`Bearer ${token}`, {})).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', status: 401 });
    const second = await engine.tokens.create(admin, { name: 'ci2', role: 'editor' });
    await engine.tokens.revoke(admin, second.row.id);
    await expect(engine.authenticate(`Bearer ${second.token}`, {})).rejects.toMatchObject({ code: 'TOKEN_REVOKED' });
    await expect(engine.authenticate('Bearer nope', { sourceIp: '127.0.0.9' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(engine.authenticate(undefined, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const failures = await engine.audit.read({ action: 'auth.failed', limit: 10 });
    expect(failures.items.length).toBeGreaterThanOrEqual(4);
    expect(failures.items.some((r) => r.sourceIp === '127.0.0.9')).toBe(true);
    expect((await engine.audit.verify()).ok).toBe(true);
  });

  it('refuses to grant a role above the caller', async () => {
    const admin = await engine.authenticate(`Bearer ${adminToken}`, {});
    await expect(engine.tokens.create(admin, { name: 'x', role: 'platform-admin' })).rejects.toMatchObject({ code: 'FORBIDDEN', field: 'role' });
  });
});
