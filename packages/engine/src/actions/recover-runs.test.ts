import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { ManualClock } from '@patchbay/types';
import { createEngine, type Engine } from '../create-engine.ts';
import { systemActor, type Actor } from '../lib/actor.ts';
import { waitFor } from '../workers/test-support.ts';
import { HeldVendor, heldActionsConnector } from './testing/held-actions.ts';

const MIN = 60_000;
const log = pino({ level: 'silent' });

interface RunRow {
  status: string;
  owner_id: string | null;
  error_details: { code: string; message: string; hint: string; retryable: boolean } | null;
  finished_at: Date | null;
}

describe.each(testDatabaseKinds())('action runs whose process died, on %s', (kind) => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-04-01T08:00:00Z');
  const vendor = new HeldVendor();
  let hub: Engine;
  let actor: Actor;
  let instanceId: string;
  const engines: Engine[] = [];
  const engineOn = () => {
    const e = createEngine({ database: t.database, clock, log, connectors: [heldActionsConnector(vendor)], actions: { lostAfterMs: 5 * MIN } });
    engines.push(e);
    return e;
  };
  const run = async (id: string) => (await t.database.query<RunRow>('select status, owner_id, error_details, finished_at from action_runs where id = $1', [id]))[0]!;
  const runningIds = async () => (await t.database.query<{ id: string }>(`select id from action_runs where status = 'running' order by created_at`)).map((r) => r.id);

  beforeAll(async () => {
    t = await createTestDatabase(kind);
    hub = engineOn();
    const boot = await hub.start();
    actor = systemActor(boot!.organizationId, 'tests');
    instanceId = (await hub.instances.create(actor, { name: 'edr', connectorId: 'held-actions' })).id;
  });
  afterAll(async () => {
    vendor.release();
    for (const e of engines) await e.sync.shutdown();
    await t.close();
  });

  it('fails a run whose owner is gone once the timeout passed, audited with ACTION_RUN_LOST; a live owner keeps its run', async () => {
    // A process (its own engine and worker session) starts a run and dies in the middle of the vendor call.
    const doomed = engineOn();
    const lateOutcome = doomed.actions.invoke(actor, { instanceId, action: 'tag-host', input: { host: 'web-1' } });
    await waitFor(async () => (await runningIds()).length === 1, 'the run to start');
    const [lostId] = await runningIds();
    const owner = (await doomed.sync.workers.session()).id;
    expect((await run(lostId!)).owner_id).toBe(owner);
    // This process runs one too, and stays alive.
    const alive = hub.actions.invoke(actor, { instanceId, action: 'tag-host', input: { host: 'web-2' } });
    await waitFor(async () => (await runningIds()).length === 2, 'the second run to start');
    const aliveId = (await runningIds()).find((id) => id !== lostId)!;

    clock.advance(4 * MIN);
    await doomed.sync.shutdown(); // its worker session ends, as when the process dies
    expect(await hub.actions.recoverLost()).toEqual({ failed: 0 }); // not yet: 4 of 5 minutes
    clock.advance(2 * MIN);
    expect(await hub.actions.recoverLost()).toEqual({ failed: 1 });

    const lost = await run(lostId!);
    expect(lost.status).toBe('failed');
    expect(lost.finished_at).toEqual(clock.now());
    expect(lost.error_details).toMatchObject({ code: 'ACTION_RUN_LOST', retryable: false, message: expect.stringMatching(/stopped before it recorded the outcome: the vendor may or may not have carried the action out/), hint: expect.stringMatching(/Check on the vendor's side/) });
    expect(await run(aliveId)).toMatchObject({ status: 'running' });
    const [audit] = await t.database.query<{ actor_label: string; outcome: string; details: Record<string, unknown> }>(`select actor_label, outcome, details from audit_log where action = 'action_run.failed' and target_id = $1`, [lostId]);
    expect(audit).toMatchObject({ actor_label: 'system:action-recovery', outcome: 'failure', details: { error_code: 'ACTION_RUN_LOST', previous_status: 'running', owner_id: owner, vendor_effect: 'unknown', action: 'tag-host', input: { host: 'web-1' } } });
    expect(await hub.actions.recoverLost()).toEqual({ failed: 0 }); // once

    // The vendor answers after all: the real outcome replaces the verdict, and the live run finishes normally.
    vendor.release();
    expect(await lateOutcome).toMatchObject({ id: lostId, status: 'succeeded', result: { host: 'web-1', done: true } });
    expect(await alive).toMatchObject({ id: aliveId, status: 'succeeded' });
  });

  it('fails an approved run that never started (nothing was sent), through the housekeeping task', async () => {
    const pending = await hub.actions.invoke(actor, { instanceId, action: 'contain-host', input: { host: 'db-1' } });
    expect(pending.status).toBe('pending_approval');
    // The approval committed, then the process stopped before the run started.
    await t.database.query(`update action_runs set status = 'approved', updated_at = $2 where id = $1`, [pending.id, clock.now()]);
    clock.advance(6 * MIN);
    const task = engineOn();
    await task.jobs.start({ workers: false, scheduler: true });
    try {
      await waitFor(async () => (await run(pending.id)).status === 'failed', 'housekeeping to fail the approved run');
    } finally {
      await task.jobs.stop();
    }
    expect((await run(pending.id)).error_details).toMatchObject({ code: 'ACTION_RUN_LOST', message: expect.stringMatching(/nothing was sent to the vendor/) });
    expect(vendor.started).toBe(2);
  });

  it.skipIf(kind !== 'postgres')('fails the run of a real process killed with SIGKILL mid-action', async () => {
    const entry = fileURLToPath(new URL('./testing/action-child.ts', import.meta.url));
    const child = spawn(process.execPath, [entry], { env: { ...process.env, DATABASE_URL: t.url!, ORGANIZATION_ID: actor.organizationId, INSTANCE_ID: instanceId, PATCHBAY_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      await waitFor(() => /running \S+/.test(out) || child.exitCode !== null, 'the child to start its run', 30_000);
      const runId = /running (\S+)/.exec(out)?.[1];
      expect(runId, out).toBeDefined();
      child.kill('SIGKILL');
      await exited;
      // The child stamped the run with the real time; this hub's clock is well past the timeout.
      clock.set(new Date(Date.now() + 10 * MIN));
      await waitFor(async () => (await hub.actions.recoverLost()).failed === 1, 'the dead process to be noticed');
      expect(await run(runId!)).toMatchObject({ status: 'failed', error_details: { code: 'ACTION_RUN_LOST' } });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
