import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySource, memoryConnector } from '@patchbay/engine/testing';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

describe.each(testDatabaseKinds())('sync schedules and cancellation through the API on %s', (kind) => {
  let hub: TestHub;
  let instanceId = '';
  const source = new MemorySource();
  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { connectors: [memoryConnector(source)] });
    const created = await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: hub.auth('editor'), payload: { name: 'mem', connector_id: 'memory-source' } });
    instanceId = created.json().id;
  });
  afterAll(async () => {
    await hub.engine.jobs.stop();
    await hub.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, role: 'editor' | 'viewer' | 'admin' = 'editor') =>
    hub.app.inject({ method, url, headers: hub.auth(role), payload: payload as object | undefined });

  it('creates, reads, lists, re-times and deletes a schedule, auditing each change', async () => {
    const created = await call('POST', '/api/integration/schedules', { instance_id: instanceId, schedule_type: 'interval', interval_minutes: 15 });
    expect(created.statusCode).toBe(201);
    const schedule = created.json();
    expect(schedule).toMatchObject({ instance_id: instanceId, stream: null, schedule_type: 'interval', interval_minutes: 15, cron_expression: null, is_active: true, last_execution: null });
    expect(new Date(schedule.next_execution).getTime() - hub.clock.now().getTime()).toBe(15 * 60_000);

    expect((await call('GET', `/api/integration/schedules/${schedule.id}`, undefined, 'viewer')).json()).toEqual(schedule);
    const list = await call('GET', `/api/integration/schedules?instance_id=${instanceId}&is_active=true&schedule_type=interval`, undefined, 'viewer');
    expect(list.json()).toEqual({ items: [schedule], next_cursor: null });
    expect((await call('GET', '/api/integration/schedules?is_active=false', undefined, 'viewer')).json().items).toEqual([]);

    const retimed = await call('PUT', `/api/integration/schedules/${schedule.id}`, { schedule_type: 'cron', cron_expression: '0 6 * * MON-FRI', timezone: 'Europe/Paris', stream: 'findings' });
    expect(retimed.statusCode).toBe(200);
    expect(retimed.json()).toMatchObject({ schedule_type: 'cron', interval_minutes: null, cron_expression: '0 6 * * MON-FRI', timezone: 'Europe/Paris', stream: 'findings' });
    const next = new Date(retimed.json().next_execution);
    expect(next.getUTCMinutes()).toBe(0);
    expect([4, 5]).toContain(next.getUTCHours()); // 06:00 in Paris

    expect((await call('DELETE', `/api/integration/schedules/${schedule.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/integration/schedules/${schedule.id}`)).statusCode).toBe(404);
    const audit = await hub.db.database.query<{ action: string }>(`select action from audit_log where target_id = $1 order by seq`, [schedule.id]);
    expect(audit.map((a) => a.action)).toEqual(['schedule.created', 'schedule.updated', 'schedule.deleted']);
  });

  it('says what is wrong with a schedule, field by field', async () => {
    const bad = async (payload: Record<string, unknown>) => (await call('POST', '/api/integration/schedules', { instance_id: instanceId, ...payload })).json();
    expect(await bad({ schedule_type: 'interval', interval_minutes: 0 })).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', field: 'interval_minutes' });
    expect(await bad({ schedule_type: 'interval' })).toMatchObject({ status: 400, field: 'interval_minutes' });
    expect(await bad({ schedule_type: 'cron', cron_expression: '61 * * * *' })).toMatchObject({ status: 400, field: 'cron_expression' });
    expect(await bad({ schedule_type: 'cron', cron_expression: '*/5 * * * *', timezone: 'Mars/Olympus' })).toMatchObject({ status: 400, field: 'timezone' });
    expect(await bad({ schedule_type: 'event', event_trigger: 'Not An Event' })).toMatchObject({ status: 400, field: 'event_trigger' });
    expect(await bad({ schedule_type: 'interval', interval_minutes: 5, stream: 'nope' })).toMatchObject({ status: 404, field: 'stream' });
    const missing = await call('POST', '/api/integration/schedules', { instance_id: '00000000-0000-4000-8000-000000000000', schedule_type: 'interval', interval_minutes: 5 });
    expect(missing.json()).toMatchObject({ status: 404, field: 'instance_id' });
  });

  it("keeps schedules inside their organisation", async () => {
    const created = await call('POST', '/api/integration/schedules', { instance_id: instanceId, schedule_type: 'event', event_trigger: 'sync.completed' });
    expect(created.json()).toMatchObject({ schedule_type: 'event', next_execution: null, subscription_id: expect.any(String) });
    const other = await hub.addOrganization('elsewhere');
    const headers = { authorization: `Bearer ${other.adminToken}` };
    expect((await hub.app.inject({ method: 'GET', url: `/api/integration/schedules/${created.json().id}`, headers })).statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'GET', url: '/api/integration/schedules', headers })).json().items).toEqual([]);
    const theirs = await hub.app.inject({ method: 'POST', url: '/api/integration/schedules', headers, payload: { instance_id: instanceId, schedule_type: 'interval', interval_minutes: 5 } });
    expect(theirs.statusCode).toBe(404);
  });

  it('cancels a queued execution at once, and answers 409 once it has ended', async () => {
    await hub.engine.jobs.start({ workers: false }); // API only: executions wait in the queue
    const started = await call('POST', `/api/integration/instances/${instanceId}/sync`, {});
    const [execution] = started.json().executions;
    expect(execution).toMatchObject({ status: 'pending', cancel_requested_at: null });
    const cancelled = await call('POST', `/api/integration/sync-executions/${execution.id}/cancel`, {});
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancel_requested_at: expect.any(String), error_details: { code: 'REQUEST_CANCELLED' } });
    const again = await call('POST', `/api/integration/sync-executions/${execution.id}/cancel`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('INVALID_STATE_TRANSITION');
    expect((await call('POST', `/api/integration/sync-executions/${execution.id}/cancel`, {}, 'viewer')).statusCode).toBe(403);
  });
});
