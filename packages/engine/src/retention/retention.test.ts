import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock, PatchbayError } from '@patchbay/types';
import { createEngine } from '../create-engine.ts';
import { systemActor } from '../lib/actor.ts';
import { createExecution } from '../sync/executions.ts';
import { MemorySource, memoryConnector } from '../testing/memory-source.ts';
import { defaultRetentionPolicy, retentionPolicyFromEnv } from './retention-policy.ts';

const DAY = 86_400_000;

describe('retention policy from the environment', () => {
  it('reads PATCHBAY_RETENTION_*_DAYS over the defaults and names a bad value', () => {
    expect(retentionPolicyFromEnv({})).toEqual(defaultRetentionPolicy);
    expect(retentionPolicyFromEnv({ PATCHBAY_RETENTION_LOGS_DAYS: '30', PATCHBAY_RETENTION_RAW_PAYLOADS_DAYS: ' 7 ' })).toMatchObject({ logsDays: 30, rawPayloadDays: 7, executionsDays: 90 });
    for (const bad of ['0', '-1', '1.5', 'ten', '99999']) {
      const attempt = () => retentionPolicyFromEnv({ PATCHBAY_RETENTION_EXECUTIONS_DAYS: bad });
      expect(attempt).toThrow(PatchbayError);
      expect(attempt).toThrow(/PATCHBAY_RETENTION_EXECUTIONS_DAYS/);
    }
  });
});

describe.each(testDatabaseKinds())('retention on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('drops raw payloads after 30 days and logs, executions, rejected records after 90, in batches, never the audit log', async () => {
    t = await createTestDatabase(kind);
    const source = new MemorySource();
    source.items = [1, 2, 3, 4, 5].map((n) => ({ id: `f-${n}`, title: `t${n}`, severity: 5, updated: n }));
    const start = new Date('2026-01-01T00:00:00Z');
    const clock = new ManualClock(start);
    const engine = createEngine({ database: t.database, clock, log: pino({ level: 'silent' }), connectors: [memoryConnector(source)] });
    const boot = await engine.start();
    const actor = systemActor(boot!.organizationId, 'test');
    const instance = await engine.instances.create(actor, { name: 'mem', connectorId: 'memory-source' });
    await engine.instances.activate(actor, instance.id);
    await engine.sync.runNow(actor, instance.id, { keepRawBytes: 10_000 });
    const running = await createExecution(t.database.db, { organizationId: actor.organizationId, instanceId: instance.id, stream: 'findings', trigger: 'manual' }, clock.now(), 'running');
    const q = <T>(sql: string, params: unknown[] = []) => t!.database.query<T>(sql, params);
    await q(`insert into rejected_records (organization_id, instance_id, stream, kind, reason, created_at) values ($1, $2, 'findings', 'invalid', '{}', $3)`, [actor.organizationId, instance.id, clock.now()]);
    const count = async (table: string, where = 'true') => (await q<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`))[0]!.n;
    const audit = await count('audit_log');
    const logs = await count('integration_logs');
    expect([await count('records', 'raw is not null'), logs > 3, await count('sync_executions'), await count('connector_metrics')]).toEqual([5, true, 2, 1]);
    const policy = { ...defaultRetentionPolicy, batchSize: 2 };

    expect(await engine.observability.prune(new Date(start.getTime() + 29 * DAY), policy)).toEqual({ logs: 0, executions: 0, rawPayloads: 0, rejectedRecords: 0, metrics: 0 });
    expect(await engine.observability.prune(new Date(start.getTime() + 31 * DAY), policy)).toEqual({ logs: 0, executions: 0, rawPayloads: 5, rejectedRecords: 0, metrics: 0 });
    expect(await count('records')).toBe(5);
    expect(await count('records', 'raw is not null')).toBe(0);

    expect(await engine.observability.prune(new Date(start.getTime() + 91 * DAY), policy)).toEqual({ logs, executions: 1, rawPayloads: 0, rejectedRecords: 1, metrics: 0 });
    expect(await q(`select id from sync_executions`)).toEqual([{ id: running.id }]); // a run in progress is never pruned
    expect(await engine.observability.prune(new Date(start.getTime() + 366 * DAY), policy)).toMatchObject({ metrics: 1 });

    expect(await count('audit_log')).toBe(audit);
    expect(await engine.audit.verify()).toMatchObject({ ok: true });
  });
});
