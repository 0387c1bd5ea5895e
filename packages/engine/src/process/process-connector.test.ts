import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock, Secret, systemClock } from '@patchbay/types';
import type { ConnectorContext } from '@patchbay/sdk';
import { createFakeLogger } from '@patchbay/sdk/testing';
import { createEngine } from '../create-engine.ts';
import { systemActor } from '../lib/actor.ts';
import type { ProcessOperation } from './protocol.ts';
import { alive, scripted } from './fixtures/scripted.ts';
import { processConnector, processProgramOf } from './process-connector.ts';
import { buildConnectorContext } from '../runtime/build-context.ts';

describe.each(testDatabaseKinds())('a process connector through the engine on %s', (kind) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function setup(scenario = 'well-behaved', configuration: Record<string, unknown> = {}) {
    t = await createTestDatabase(kind);
    const asked: { instanceId: string; operation: ProcessOperation }[] = [];
    const engine = createEngine({
      database: t.database,
      clock: new ManualClock('2026-05-01T00:00:00Z'),
      log: pino({ level: 'silent' }),
      processCredentials: async (instanceId, operation) => {
        asked.push({ instanceId, operation });
        return { type: 'bearer', values: { token: new Secret('process-test-token') } };
      },
    });
    const boot = await engine.start();
    const actor = systemActor(boot!.organizationId, 'test');
    await engine.registeredConnectors.register(actor, scripted(scenario));
    const instance = await engine.instances.create(actor, { name: 'scripted', connectorId: 'scripted-program', configuration });
    const q = <T>(sql: string, params: unknown[] = []) => t!.database.query<T>(sql, params);
    return { engine, actor, instance, q, asked };
  }

  it('commits each page at its STATE, so a failed run keeps its pages and the next run resumes from the checkpoint', async () => {
    const { engine, actor, instance, q, asked } = await setup('well-behaved', { items: 5, page_size: 2, fail_after_pages: 2 });
    const [failed] = await engine.sync.runNow(actor, instance.id);
    expect(failed).toMatchObject({ status: 'failed', pages: 2, recordsCreated: 4, errorDetails: { code: 'VENDOR_UNAVAILABLE', retryable: true } });
    expect(await q(`select checkpoint from stream_states`)).toEqual([{ checkpoint: { offset: 4 } }]);
    expect(asked).toEqual([{ instanceId: instance.id, operation: 'read' }]);

    await engine.instances.update(actor, instance.id, { configuration: { items: 5, page_size: 2 } });
    const [resumed] = await engine.sync.runNow(actor, instance.id);
    expect(resumed).toMatchObject({ status: 'completed', recordsCreated: 1, recordsProcessed: 1 });
    const rows = await q<{ external_id: string; class_uid: number }>(`select external_id, class_uid from records order by external_id`);
    expect(rows.map((r) => r.external_id)).toEqual(['f-1', 'f-2', 'f-3', 'f-4', 'f-5']);
    expect(rows.every((r) => r.class_uid === 2004)).toBe(true);

    const [again] = await engine.sync.runNow(actor, instance.id);
    expect(again).toMatchObject({ status: 'completed', recordsProcessed: 0, pages: 1 });
  });

  it('keeps a record the program could not map as rejected, with the reason it gave', async () => {
    const { engine, actor, instance, q } = await setup('well-behaved', { items: 3, broken_record: 2 });
    const [run] = await engine.sync.runNow(actor, instance.id);
    expect(run).toMatchObject({ status: 'completed', recordsCreated: 2 });
    const [rejected] = await q<{ external_id: string; reason: { message: string } }>(`select external_id, reason from rejected_records`);
    expect(rejected).toMatchObject({ external_id: 'f-2', reason: { message: expect.stringContaining('record 2 has no title') } });
  });

  it('fails the run with a protocol error and commits nothing of an unfinished page', async () => {
    const { engine, actor, instance, q } = await setup('records-without-state');
    const [run] = await engine.sync.runNow(actor, instance.id);
    expect(run).toMatchObject({ status: 'failed', errorDetails: { code: 'PROCESS_PROTOCOL_ERROR' } });
    expect(await q(`select * from records`)).toEqual([]);
  });

  it('tests the connection with check and lists streams with discover', async () => {
    const { engine, actor, instance, asked } = await setup();
    const result = await engine.testConnection(actor, instance.id);
    expect(result).toMatchObject({ ok: true, details: { account: 'scripted' } });
    const connector = engine.registry.require('scripted-program');
    const ctx = buildConnectorContext({ connector, instance, clock: engine.deps.clock, log: engine.deps.log, signal: new AbortController().signal });
    expect(await processProgramOf(connector)!.discover(ctx)).toEqual([{ name: 'findings', available: true }]);
    await ctx.close();
    expect(asked.map((a) => a.operation)).toEqual(['check', 'discover']);
  });

  it('is cancelled with the run: the program is killed and the committed page stays', async () => {
    const { engine, actor, instance, q } = await setup('page-then-hang');
    const controller = new AbortController();
    const run = engine.sync.runNow(actor, instance.id, { signal: controller.signal, keepRawBytes: 1024 });
    let pid = 0;
    for (let i = 0; i < 250 && pid === 0; i++) {
      const rows = await q<{ raw: { pid: number } | null }>(`select raw from records`);
      pid = rows[0]?.raw?.pid ?? 0;
      if (pid === 0) await new Promise((resolve) => setTimeout(resolve, 20)); // the first page commits, then the program hangs
    }
    expect(alive(pid)).toBe(true);
    controller.abort();
    const [execution] = await run;
    expect(execution).toMatchObject({ status: 'cancelled', recordsCreated: 1 });
    expect(alive(pid)).toBe(false);
  });
});

describe('a process connector mapping records', () => {
  it('answers from what the program sent, then by content, then by running the program map operation', async () => {
    const spec = JSON.parse(execFileSync(process.execPath, [...scripted('well-behaved').args, 'spec'], { input: '{}\n' }).toString().trim()).spec as unknown;
    const connector = processConnector({ program: scripted('well-behaved'), spec });
    const stream = connector.streams![0]!;
    const ctx = { config: { items: 1, page_size: 1 }, clock: systemClock, log: createFakeLogger(), signal: new AbortController().signal, instanceId: 'test' } as unknown as ConnectorContext;
    const meta = { connector: { id: connector.id, name: connector.name, vendor: connector.vendor, version: connector.version }, stream: 'findings', instanceId: 'test', receivedAt: new Date() };
    const pages = [];
    for await (const page of stream.fetch(ctx, undefined)) pages.push(page);
    const sent = pages[0]!.records[0] as Record<string, unknown>;
    expect(stream.map(sent, meta)).toMatchObject({ finding_info: { uid: 'f-1' } });
    expect(stream.map({ ...sent }, meta)).not.toHaveProperty('message'); // same content: remembered, the program does not run
    expect(stream.map({ id: 'f-7', n: 7 }, meta)).toMatchObject({ finding_info: { uid: 'f-7' }, message: 'mapped on request' });
  });
});
