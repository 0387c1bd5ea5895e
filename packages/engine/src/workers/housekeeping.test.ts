import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { AnyConnector } from '@patchbay/sdk';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine, type Engine } from '../create-engine.ts';
import { systemActor } from '../lib/actor.ts';
import { logOperation } from '../logs/log-operation.ts';
import { MemorySource, memoryConnector } from '../testing/memory-source.ts';
import { staticKeyProvider } from '../vault/keys/static-key-provider.ts';
import { runExclusive } from './housekeeping.ts';
import { waitFor } from './test-support.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

function hourlyConnector(source: MemorySource): AnyConnector {
  const base = memoryConnector(source);
  return { ...base, streams: base.streams!.map((s) => ({ ...s, schedule: { intervalMinutes: 60 } })) };
}

describe.each(testDatabaseKinds())('housekeeping in the scheduler process on %s', (kind) => {
  let t: TestDatabase | undefined;
  let engine: Engine | undefined;
  afterEach(async () => {
    await engine?.jobs.stop();
    await t?.close();
    t = undefined;
    engine = undefined;
  });

  it('prunes old logs, flags stale streams and warns of expiring credentials on the injected clock', async () => {
    t = await createTestDatabase(kind);
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    const source = new MemorySource();
    source.items = [{ id: 'a', title: 'a', severity: 1, updated: 1 }];
    const e = createEngine({
      database: t.database,
      clock,
      log: pino({ level: 'silent' }),
      connectors: [hourlyConnector(source)],
      vault: { keys: staticKeyProvider({ active: randomBytes(32) }) },
      observability: { retention: { logsDays: 10, executionsDays: 90, rawPayloadDays: 30, rejectedRecordsDays: 90, metricsDays: 365, batchSize: 100 } },
    });
    engine = e;
    const boot = await e.start();
    const actor = systemActor(boot!.organizationId, 'test');
    const instance = await e.instances.create(actor, { name: 'mem', connectorId: 'memory-source' });
    await e.instances.activate(actor, instance.id);
    await e.sync.runNow(actor, instance.id);
    const old = new Date(clock.now().getTime() - 11 * DAY);
    await logOperation(t.database.db, { organizationId: actor.organizationId, level: 'info', operation: 'sync', message: 'eleven days ago', occurredAt: old });
    const q = <T>(sql: string) => t!.database.query<T>(sql);
    const count = async (sql: string) => (await q<{ n: number }>(sql))[0]!.n;

    await e.jobs.start({ workers: false, scheduler: true });
    // The first round runs at start: the old log line goes (retention 10 days here).
    await waitFor(async () => (await count(`select count(*)::int as n from integration_logs where message = 'eleven days ago'`)) === 0, 'retention to prune the old log');

    // A credential that expires in three days, created after the start's own check.
    await e.vault.configs.create(actor, { name: 'expiring', authType: 'api_key', credentials: { api_key: 'k', header_name: 'X-Key' }, expiration: new Date(clock.now().getTime() + 3 * DAY) });
    // Two hours later: the stream (hourly) is stale, and the hourly expiry check has run again.
    clock.advance(121 * MIN);
    // A loop still busy with its first round when the clock jumped sleeps from the new time: nudge the clock a minute at a time.
    const nudged = (check: () => Promise<boolean>) => async () => (await check()) || (clock.advance(MIN), false);
    await waitFor(nudged(async () => (await count(`select count(*)::int as n from outbox where type = 'stream.stale'`)) === 1), 'a stream.stale event');
    await waitFor(nudged(async () => (await count(`select count(*)::int as n from outbox where type = 'credential.expiring'`)) === 1), 'a credential.expiring event');
  }, 60_000);

  it.skipIf(kind !== 'postgres')('runs a task in one process at a time', async () => {
    t = await createTestDatabase(kind);
    let running = 0;
    let most = 0;
    let runs = 0;
    const task = {
      name: 'probe',
      everyMs: MIN,
      run: async () => {
        running++;
        runs++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 100));
        running--;
      },
    };
    const results = await Promise.all([runExclusive(t.database, task), runExclusive(t.database, task), runExclusive(t.database, task)]);
    expect(most).toBe(1);
    expect(runs).toBe(results.filter(Boolean).length);
    expect(results.filter(Boolean).length).toBeGreaterThanOrEqual(1);
    // Released afterwards: the next round runs.
    expect(await runExclusive(t.database, task)).toBe(true);
  });
});
