import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, planAction, runAction } from '@patchbay/conformance';
import connector from '../connector.ts';
import { startDefenderSimulator, type DefenderSimulatorHandle } from '../simulator/index.ts';

let sim: DefenderSimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start() {
  const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
  sim = await startDefenderSimulator({ pageSize: 5, clock });
  sim.seed('alerts', { count: 3 });
  sim.seed('devices', { count: 3 });
  const options = { connector, simulator: sim, clock };
  return { sim, clock, run: (name: string, input: unknown) => runAction(options, name, input), plan: (name: string, input: unknown) => planAction(options, name, input) };
}

const requestsTo = (s: DefenderSimulatorHandle, pattern: RegExp) => s.requests.filter((r) => pattern.test(r.path));

describe('update-alert', () => {
  it('patches status, classification, determination and owner, and the alert shows the change', async () => {
    const { sim, run, plan } = await start();
    const alert = sim.records('alerts')[0] as { id: string; lastUpdateDateTime: string };
    const input = { alert_id: alert.id, status: 'resolved', classification: 'truePositive', determination: 'malware', assigned_to: 'soc@contoso.test' };
    expect(await plan('update-alert', input)).toEqual([
      { method: 'PATCH', url: `security/alerts_v2/${alert.id}`, body: { status: 'resolved', classification: 'truePositive', determination: 'malware', assignedTo: 'soc@contoso.test' }, operation: 'update-alert' },
    ]);
    const output = await run('update-alert', input);
    expect(output).toMatchObject({ id: alert.id, status: 'resolved', classification: 'truePositive', determination: 'malware', assigned_to: 'soc@contoso.test' });
    const stored = sim.state.alerts.get(alert.id)!;
    expect(stored).toMatchObject({ status: 'resolved', assignedTo: 'soc@contoso.test' });
    expect(Date.parse(stored.lastUpdateDateTime as string)).toBeGreaterThan(Date.parse(alert.lastUpdateDateTime));
    expect(await run('update-alert', input)).toMatchObject({ status: 'resolved' });
  });

  it('refuses an input that changes nothing', async () => {
    const { run } = await start();
    await expect(run('update-alert', { alert_id: 'x' })).rejects.toThrow(/at least one/);
  });

  it("reports Graph's 404 for an unknown alert and its 403 for a missing application role", async () => {
    const { sim, run } = await start();
    await expect(run('update-alert', { alert_id: 'no-such-alert', status: 'resolved' })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { status: 404 } });
    sim.deny('SecurityAlert.ReadWrite.All');
    const alert = sim.records('alerts')[0] as { id: string };
    await expect(run('update-alert', { alert_id: alert.id, status: 'resolved' })).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED', details: { permission: 'SecurityAlert.ReadWrite.All' } });
  });

  it('waits out a 429 with Retry-After and sends the (idempotent) PATCH again', async () => {
    const { sim, clock, run } = await start();
    const alert = sim.records('alerts')[0] as { id: string };
    sim.inject({ kind: 'rate-limit', retryAfterSeconds: 9 });
    expect(await run('update-alert', { alert_id: alert.id, status: 'inProgress' })).toMatchObject({ status: 'inProgress' });
    expect(requestsTo(sim, /alerts_v2/).map((r) => r.status)).toEqual([429, 200]);
    expect(clock.waits.some((ms) => ms >= 9000)).toBe(true);
  });
});

describe('isolate-device and release-device', () => {
  it('isolates once (a second isolate finds the active one), releases, and can isolate again', async () => {
    const { sim, run, plan } = await start();
    const device = (sim.records('devices')[0] as { id: string }).id;
    expect(await plan('isolate-device', { device_id: device, comment: 'Contain' })).toEqual([
      { method: 'POST', url: `${sim.baseUrl}/api/machines/${device}/isolate`, body: { Comment: 'Contain', IsolationType: 'Full' }, operation: 'isolate-device', retry: false },
    ]);
    expect(await run('isolate-device', { device_id: device, comment: 'Contain', isolation_type: 'Selective' })).toMatchObject({ device_id: device, type: 'Isolate', status: 'Pending', already_requested: false, action_id: 'ma-000001' });
    expect(await run('isolate-device', { device_id: device, comment: 'Contain again' })).toEqual({ device_id: device, action_id: null, type: 'Isolate', status: 'AlreadyRequested', already_requested: true });
    expect(sim.state.actions.map((a) => [a.type, a.scope])).toEqual([['Isolate', 'Selective']]);
    expect(await run('release-device', { device_id: device, comment: 'Clean' })).toMatchObject({ type: 'Unisolate', status: 'Pending', already_requested: false });
    expect(sim.state.isolated.has(device)).toBe(false);
    expect(await run('isolate-device', { device_id: device, comment: 'Again' })).toMatchObject({ already_requested: false });
  });

  it("reports Defender's 404 for an unknown device and 403 without Machine.Isolate", async () => {
    const { sim, run } = await start();
    await expect(run('isolate-device', { device_id: 'ffff', comment: 'x' })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { status: 404 } });
    sim.deny('Machine.Isolate');
    const device = (sim.records('devices')[0] as { id: string }).id;
    await expect(run('release-device', { device_id: device, comment: 'x' })).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED', details: { permission: 'Machine.Isolate' } });
  });

  it('does not repeat an isolation POST after a 429: it fails VENDOR_RATE_LIMITED after one request', async () => {
    const { sim, run } = await start();
    const device = (sim.records('devices')[0] as { id: string }).id;
    sim.inject({ kind: 'rate-limit', retryAfterSeconds: 5 });
    await expect(run('isolate-device', { device_id: device, comment: 'x' })).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    expect(requestsTo(sim, /isolate$/).map((r) => r.status)).toEqual([429]);
    expect(sim.state.actions).toHaveLength(0);
  });
});

describe('run-hunting-query', () => {
  it('returns the schema and rows of the real AlertInfo and AlertEvidence events', async () => {
    const { run } = await start();
    const info = (await run('run-hunting-query', { query: 'AlertInfo | take 1' })) as { schema: { name: string; type: string }[]; results: Record<string, unknown>[]; row_count: number };
    expect(info.row_count).toBe(1);
    expect(info.results[0]).toMatchObject({ Title: 'Regsvr32 Rundll32 Image Loads Abnormal Extension', Severity: 'High', Timestamp: '2025-04-21T20:51:04.0581832Z' });
    expect(info.schema).toContainEqual({ name: 'Timestamp', type: 'DateTime' });
    const evidence = (await run('run-hunting-query', { query: 'AlertEvidence' })) as { results: Record<string, unknown>[] };
    expect(evidence.results[0]).toMatchObject({ DeviceName: 'testdevice.testdomain.com', EntityType: 'Machine' });
  });

  it("reports Graph's 400 for a query it cannot run, 403 without ThreatHunting.Read.All, and retries a 429", async () => {
    const { sim, run } = await start();
    await expect(run('run-hunting-query', { query: 'NoSuchTable | take 1' })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { status: 400 } });
    sim.inject({ kind: 'rate-limit', retryAfterSeconds: 2 });
    expect(await run('run-hunting-query', { query: 'AlertInfo' })).toMatchObject({ row_count: 1 });
    sim.deny('ThreatHunting.Read.All');
    await expect(run('run-hunting-query', { query: 'AlertInfo' })).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED' });
  });
});
