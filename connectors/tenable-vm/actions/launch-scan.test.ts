import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, planAction, runAction } from '@patchbay/conformance';
import { apiKeyAuth } from '@patchbay/sdk';
import { Secret } from '@patchbay/types';
import connector from '../connector.ts';
import { startTenableSimulator, type TenableSimulatorHandle } from '../simulator/index.ts';

const auth = apiKeyAuth({ in: 'header', name: 'X-ApiKeys', value: new Secret('accessKey=ak-test; secretKey=sk-test;') });

describe('tenable-vm launch-scan against the simulator', () => {
  let sim: TenableSimulatorHandle | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function setup() {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startTenableSimulator({ pageSize: 5, clock });
    sim.seed('scans', { count: 3 });
    const scan = sim.state.scans.all()[0]!;
    // A launchable scan: a completed one the API user may execute.
    sim.state.scans.set(String(scan.id), { ...scan, status: 'completed', user_permissions: 128 });
    return { sim, options: { connector, simulator: sim, clock, auth }, scan: sim.state.scans.get(String(scan.id))! };
  }

  it('launches a scan by schedule UUID, with alternate targets, and sends nothing on a dry run', async () => {
    const { sim, options, scan } = await setup();
    const planned = await planAction(options, 'launch-scan', { scan_id: scan.schedule_uuid, alt_targets: ['192.0.2.10'] });
    expect(planned).toEqual([expect.objectContaining({ method: 'POST', url: `/scans/${String(scan.schedule_uuid)}/launch`, body: { alt_targets: ['192.0.2.10'] }, retry: false })]);
    expect(sim.requests).toHaveLength(0);
    const result = await runAction(options, 'launch-scan', { scan_id: scan.schedule_uuid, alt_targets: ['192.0.2.10'] });
    expect(result).toEqual({ scan_id: scan.schedule_uuid, scan_uuid: expect.any(String), already_running: false });
    expect(sim.state.scans.get(String(scan.id))!.status).toBe('running');
  });

  it('is idempotent: launching a running scan reports it already running (409)', async () => {
    const { sim, options, scan } = await setup();
    await runAction(options, 'launch-scan', { scan_id: scan.id });
    expect(await runAction(options, 'launch-scan', { scan_id: scan.id })).toEqual({ scan_id: String(scan.id), scan_uuid: null, already_running: true });
    expect(sim.requests.map((r) => r.status)).toEqual([200, 409]);
  });

  it('fails with the vendor answers: not found, permission denied, imported scan, rate limit', async () => {
    const { sim, options, scan } = await setup();
    await expect(runAction(options, 'launch-scan', { scan_id: 999_999 })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED' });
    sim.state.scans.set(String(scan.id), { ...scan, user_permissions: 16 });
    await expect(runAction(options, 'launch-scan', { scan_id: scan.id })).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED' });
    sim.state.scans.set(String(scan.id), { ...scan, status: 'imported' });
    await expect(runAction(options, 'launch-scan', { scan_id: scan.id })).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED' });
    sim.state.scans.set(String(scan.id), scan);
    sim.inject({ kind: 'rate-limit', retryAfterSeconds: 30 });
    await expect(runAction(options, 'launch-scan', { scan_id: scan.id })).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    expect(sim.requests.map((r) => r.status)).toEqual([404, 403, 403, 429]);
    expect(sim.state.scans.get(String(scan.id))!.status).toBe('completed');
  });

  it('refuses keys without an access key (401)', async () => {
    const { options, scan } = await setup();
    const bad = apiKeyAuth({ in: 'header', name: 'X-ApiKeys', value: new Secret('secretKey=sk-test;') });
    await expect(runAction({ ...options, auth: bad }, 'launch-scan', { scan_id: scan.id })).rejects.toMatchObject({ code: 'VENDOR_AUTH_FAILED' });
  });
});
