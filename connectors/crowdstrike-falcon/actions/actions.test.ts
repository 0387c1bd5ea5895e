import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, planAction, runAction } from '@patchbay/conformance';
import connector from '../connector.ts';
import { startCrowdStrikeSimulator, type CrowdStrikeSimulatorHandle, type CrowdStrikeSimulatorOptions } from '../simulator/index.ts';

describe('crowdstrike-falcon actions against the simulator', () => {
  let sim: CrowdStrikeSimulatorHandle | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function start(options: Partial<CrowdStrikeSimulatorOptions> = {}) {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startCrowdStrikeSimulator({ pageSize: 10, clock, ...options });
    sim.seed('hosts', { count: 3 });
    sim.seed('alerts', { count: 2 });
    return { call: { connector, simulator: sim, clock }, clock, sim };
  }

  it('contains a host, idempotently, and lifts containment (its declared reverse)', async () => {
    const { call, sim } = await start();
    const host = sim.data.hosts.byKey()[0]!;
    expect(connector.actions!.find((a) => a.name === 'contain-host')).toMatchObject({ reverse: 'lift-containment', impact: 'high', permissions: ['devices:write'] });
    await expect(runAction(call, 'contain-host', { device_id: host.device_id.toUpperCase() })).resolves.toEqual({ device_id: host.device_id, action: 'contain', accepted: true });
    expect(sim.data.hosts.get(host.device_id)!.status).toBe('contained');
    await expect(runAction(call, 'contain-host', { device_id: host.device_id })).resolves.toMatchObject({ accepted: true });
    expect(sim.data.hosts.get(host.device_id)!.status).toBe('contained');
    await expect(runAction(call, 'lift-containment', { device_id: host.device_id })).resolves.toEqual({ device_id: host.device_id, action: 'lift_containment', accepted: true });
    expect(sim.data.hosts.get(host.device_id)!.status).toBe('normal');
    const sent = sim.requests.filter((r) => r.path === '/devices/entities/devices-actions/v2').map((r) => r.query.action_name);
    expect(sent).toEqual(['contain', 'contain', 'lift_containment']);
  });

  it('plans a containment without sending anything', async () => {
    const { call, sim } = await start();
    const planned = await planAction(call, 'contain-host', { device_id: 'd0000000000000000000000000000001' });
    expect(planned).toEqual([{ method: 'POST', url: '/devices/entities/devices-actions/v2', query: { action_name: 'contain' }, body: { ids: ['d0000000000000000000000000000001'] }, operation: 'contain-host' }]);
    expect(sim.requests).toEqual([]);
  });

  it('refuses a malformed device id before calling Falcon, and reports an unknown host as NOT_FOUND', async () => {
    const { call, sim } = await start();
    await expect(runAction(call, 'contain-host', { device_id: 'not-a-host' })).rejects.toThrow(/32 hexadecimal/);
    expect(sim.requests).toEqual([]);
    await expect(runAction(call, 'contain-host', { device_id: 'ffffffffffffffffffffffffffffffff' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/ffffffffffffffffffffffffffffffff/) });
    expect(sim.requests.at(-1)!.status).toBe(404);
  });

  it('names the missing scope when the API client lacks Hosts write (403)', async () => {
    const { call, sim } = await start({ scopes: ['devices:read', 'alerts:read'] });
    await expect(runAction(call, 'contain-host', { device_id: sim.data.hosts.byKey()[0]!.device_id })).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED', message: expect.stringMatching(/devices:write/) });
    await expect(runAction(call, 'update-alert', { composite_id: sim.data.alerts.list()[0]!.composite_id, status: 'closed' })).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED' });
  });

  it('waits out the rate limit (X-RateLimit-RetryAfter) for a containment, which is safe to repeat', async () => {
    const { call, sim, clock } = await start();
    sim.inject({ kind: 'rate-limit', retryAfterSeconds: 9 });
    await expect(runAction(call, 'contain-host', { device_id: sim.data.hosts.byKey()[1]!.device_id })).resolves.toMatchObject({ accepted: true });
    expect(sim.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(clock.waits.some((ms) => ms >= 9000)).toBe(true);
  });

  it('updates an alert (status, assignee, comment) in one PATCH, and the alert shows the change', async () => {
    const { call, sim } = await start();
    const alert = sim.data.alerts.list()[0]!;
    const output = await runAction(call, 'update-alert', { composite_id: alert.composite_id, status: 'closed', assign_to_uuid: '5e0c7f2a-6b1d-4c3e-9f8a-0b1c2d3e4f5a', comment: 'False positive: admin tooling' });
    expect(output).toEqual({ composite_id: alert.composite_id, applied: ['update_status', 'assign_to_uuid', 'append_comment'] });
    expect(sim.data.alerts.get(alert.composite_id)).toMatchObject({ status: 'closed', assigned_to_uuid: '5e0c7f2a-6b1d-4c3e-9f8a-0b1c2d3e4f5a', comments: [{ value: 'False positive: admin tooling' }], updated_timestamp: '2026-05-01T00:00:00.000Z' });
    const planned = await planAction(call, 'update-alert', { composite_id: alert.composite_id, unassign: true });
    expect(planned[0]).toMatchObject({ method: 'PATCH', url: '/alerts/entities/alerts/v3', body: { composite_ids: [alert.composite_id], action_parameters: [{ name: 'unassign', value: '' }] } });
  });

  it('update-alert: NOT_FOUND for an unknown alert, nothing to change refused, and a rate limit surfaces (sent once: a comment must not be added twice)', async () => {
    const { call, sim } = await start();
    await expect(runAction(call, 'update-alert', { composite_id: 'cid:ind:nope:1', status: 'closed' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runAction(call, 'update-alert', { composite_id: 'cid:ind:nope:1' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    sim.inject({ kind: 'rate-limit', retryAfterSeconds: 5 });
    const alert = sim.data.alerts.list()[0]!;
    await expect(runAction(call, 'update-alert', { composite_id: alert.composite_id, comment: 'hello' })).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    expect(sim.data.alerts.get(alert.composite_id)).not.toHaveProperty('comments');
  });
});
