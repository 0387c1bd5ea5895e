import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerAuth } from '@patchbay/sdk';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { Secret, systemClock } from '@patchbay/types';
import type { SimulatorHandle } from '@patchbay/conformance';
import httpJson from '../../../connectors/http-json/connector.ts';
import { startHttpJsonSimulator } from '../../../connectors/http-json/simulator/index.ts';
import { spawnWorker, type WorkerChild } from '../../engine/src/workers/crash-support.ts';
import { createTestHub, type TestHub } from '../../server/src/testing/test-hub.ts';

/**
 * End to end through the API, with the http-json connector against its stateful simulators: schedules
 * fire syncs that the workers run (in the hub's process on PGlite; in two worker processes on
 * PostgreSQL); pages of 5 with equal timestamps at page boundaries; a mapping override; changes between
 * runs synced incrementally; deletions detected by the full-refresh stream; records read back through
 * the records API with their provenance.
 */
const auth = bearerAuth({ token: new Secret('e2e-token') });
const bin = fileURLToPath(new URL('../bin/patchbay.js', import.meta.url));

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(testDatabaseKinds())('schedules, workers and syncs end to end on %s', (kind) => {
  let hub: TestHub;
  let events: SimulatorHandle;
  let inventory: SimulatorHandle;
  const workers: WorkerChild[] = [];

  beforeAll(async () => {
    events = await startHttpJsonSimulator({ pageSize: 5, clock: systemClock, mode: 'cursor', incremental: true });
    inventory = await startHttpJsonSimulator({ pageSize: 5, clock: systemClock, mode: 'offset', incremental: false });
    // The system clock: the worker processes (PostgreSQL) and the simulators keep real time too.
    hub = await createTestHub(kind, {}, { connectors: [httpJson], authFor: async () => auth, clock: systemClock });
    if (kind === 'postgres') {
      await hub.engine.jobs.start({ workers: false, scheduler: true }); // the API process: queue and scheduler
      workers.push(spawnWorker({ DATABASE_URL: hub.db.url! }), spawnWorker({ DATABASE_URL: hub.db.url! }));
      await Promise.all(workers.map((w) => w.ready));
    } else {
      await hub.engine.jobs.start({ workers: true, scheduler: true, concurrency: 2 });
    }
  });

  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    await hub.engine.jobs.stop();
    await hub.close();
    await events.close();
    await inventory.close();
  });

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, role: 'admin' | 'editor' | 'viewer' = 'editor') => {
    const res = await hub.app.inject({ method, url, headers: hub.auth(role), payload: payload as object | undefined });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  async function instanceFor(name: string, sim: SimulatorHandle): Promise<string> {
    const created = await call('POST', '/api/integration/instances', { name, connector_id: 'http-json', configuration: sim.configuration, allow_private_network: true }, 'admin');
    await call('POST', `/api/integration/instances/${created.id}/activate`);
    return created.id;
  }

  /** Makes a schedule due now (instead of waiting its minute) and waits until its run has completed. */
  async function fire(scheduleId: string, instanceId: string, stream: string, runs: number): Promise<Record<string, number>> {
    await hub.db.database.query('update sync_schedules set next_execution = $1 where id = $2', [new Date().toISOString(), scheduleId]);
    let latest: Record<string, number> = {};
    await waitFor(async () => {
      const page = await call('GET', `/api/integration/sync-executions?instance_id=${instanceId}`, undefined, 'viewer');
      const done = page.items.filter((e: { status: string; trigger: string; stream: string }) => e.status === 'completed' && e.trigger === 'scheduled' && e.stream === stream);
      latest = done[0];
      return done.length >= runs;
    }, `run ${runs} of ${instanceId}`);
    return latest;
  }

  async function records(instanceId: string, includeDeleted = false) {
    return (await call('GET', `/api/records?instance_id=${instanceId}&limit=200${includeDeleted ? '&include_deleted=true' : ''}`, undefined, 'viewer')).items as {
      data: Record<string, unknown>;
      deleted_at: string | null;
      provenance: { external_id: string; sync_execution_id: string; mapping_version: number | null; connector_id: string; connector_version: string; stream: string; raw_hash: string };
    }[];
  }

  it('schedules an incremental stream with a mapping override, resumes it after changes, and reads the records back with their provenance', async () => {
    const STREAM = 'records';
    events.seed('records', { count: 23, equalTimestampsAtBoundary: true });
    const instanceId = await instanceFor('events', events);
    const mapping = await call('POST', '/api/integration/mappings', { name: 'tagged', instance_id: instanceId, stream: 'records', field_mappings: { message: '"[e2e] " & ocsf.message' } });
    const schedule = await call('POST', '/api/integration/schedules', { instance_id: instanceId, stream: 'records', schedule_type: 'interval', interval_minutes: 1 });

    const first = await fire(schedule.id, instanceId, STREAM, 1);
    expect(first).toMatchObject({ records_created: 23, schedule_id: schedule.id, trigger: 'scheduled' });
    expect(first.pages).toBeGreaterThanOrEqual(5);
    let stored = await records(instanceId);
    expect(stored.map((r) => r.provenance.external_id).sort()).toEqual((events.records('records') as { id: string }[]).map((r) => r.id).sort());
    for (const r of stored) {
      expect(r.data.message).toMatch(/^\[e2e\] Record \d+, revision 1$/);
      expect(r.provenance).toMatchObject({ connector_id: 'http-json', connector_version: httpJson.version, mapping_version: mapping.version, stream: 'records', sync_execution_id: first.id });
    }

    // The vendor changes: 4 new records, 3 updated. The next run reads only what changed since its checkpoint.
    events.mutate!('records', { create: 4, update: 3 });
    const before = events.requests.length;
    const second = await fire(schedule.id, instanceId, STREAM, 2);
    expect(second).toMatchObject({ records_created: 4, records_updated: 3, records_deleted: 0 });
    const since = events.requests.slice(before).map((r) => r.query.since).filter(Boolean);
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((s) => s !== '1970-01-01T00:00:00.000Z')).toBe(true);
    stored = await records(instanceId);
    expect(stored).toHaveLength(27);
    expect(stored.filter((r) => String(r.data.message).endsWith('revision 2'))).toHaveLength(3);
    if (kind === 'postgres') {
      // The API process only queued: the two worker processes ran the syncs (the API process may register
      // itself for action runs, with concurrency 0: it takes no queued sync).
      const [own] = await hub.db.database.query<{ n: number }>('select count(*)::int as n from workers where pid = $1 and concurrency > 0', [process.pid]);
      expect(own!.n).toBe(0);
    }
    const after = await call('GET', `/api/integration/schedules/${schedule.id}`, undefined, 'viewer');
    expect(new Date(after.last_execution).getTime()).toBeGreaterThan(0);
    expect(new Date(after.next_execution).getTime()).toBeGreaterThan(Date.now());
  });

  it('runs `patchbay sync NAME` through the hub API, with progress on stderr and a summary per stream', async () => {
    events.mutate!('records', { create: 2 });
    const url = await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const child = spawn(process.execPath, [bin, 'sync', 'events', '--stream', 'records'], { env: { ...process.env, PATCHBAY_URL: url, PATCHBAY_TOKEN: hub.tokens.editor, PATCHBAY_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code, err).toBe(0);
    expect(err).toMatch(/records +█+ completed/);
    expect(out).toMatch(/^records: completed in [\d.]+ s, \d+ pages, 2 records: 2 created, 0 updated/m);
  });

  it('detects deletions on a scheduled full-refresh stream', async () => {
    const STREAM = 'inventory'; // the schedule names no stream: it runs every stream of the instance
    inventory.seed('inventory', { count: 12 });
    const instanceId = await instanceFor('inventory', inventory);
    const schedule = await call('POST', '/api/integration/schedules', { instance_id: instanceId, schedule_type: 'cron', cron_expression: '0 3 * * *' });
    const first = await fire(schedule.id, instanceId, STREAM, 1);
    expect(first).toMatchObject({ records_created: 12 });
    inventory.mutate!('inventory', { delete: 2, update: 1, create: 1 });
    const second = await fire(schedule.id, instanceId, STREAM, 2);
    expect(second).toMatchObject({ records_created: 1, records_updated: 1, records_deleted: 2 });
    const live = await records(instanceId);
    expect(live.map((r) => r.provenance.external_id).sort()).toEqual((inventory.records('inventory') as { id: string }[]).map((r) => r.id).sort());
    const all = await records(instanceId, true);
    expect(all.filter((r) => r.deleted_at !== null)).toHaveLength(2);
  });
});
