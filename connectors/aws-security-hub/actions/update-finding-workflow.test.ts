import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, planAction, runAction } from '@patchbay/conformance';
import connector from '../connector.ts';
import { startSecurityHubSimulator, type SecurityHubSimulatorOptions } from '../simulator/index.ts';
import { testSigner } from '../testing.ts';

type Sim = Awaited<ReturnType<typeof startSecurityHubSimulator>>;
let sim: Sim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: Partial<Omit<SecurityHubSimulatorOptions, 'clock'>> = {}) {
  const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
  sim = await startSecurityHubSimulator({ pageSize: 10, requireSignature: true, ...options, clock });
  sim.seed('findings', { count: 3 });
  const call = { connector, simulator: sim, clock, auth: testSigner(clock) };
  const [first, second] = sim.records('findings') as { Id: string; ProductArn: string; UpdatedAt: string }[];
  return { clock, call, first: first!, second: second! };
}

const ref = (f: { Id: string; ProductArn: string }) => ({ id: f.Id, product_arn: f.ProductArn });

describe('update-finding-workflow against the simulator', () => {
  it('sets the workflow status and note, reports the previous status, and leaves UpdatedAt alone', async () => {
    const { call, first, second } = await start();
    const output = await runAction(call, 'update-finding-workflow', { findings: [ref(first), ref(second)], status: 'SUPPRESSED', note: 'Accepted risk, ticket SEC-12' });
    expect(output).toEqual({ processed: [{ ...ref(first), previous_status: 'NEW' }, { ...ref(second), previous_status: 'NEW' }], unprocessed: [] });
    const held = sim!.records('findings') as { Id: string; UpdatedAt: string; Workflow: { Status: string }; Note?: { Text: string; UpdatedBy: string } }[];
    const updated = held.find((f) => f.Id === first.Id)!;
    expect(updated).toMatchObject({ Workflow: { Status: 'SUPPRESSED' }, Note: { Text: 'Accepted risk, ticket SEC-12', UpdatedBy: 'Patchbay' }, UpdatedAt: first.UpdatedAt });
    expect(sim!.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /findings 200', 'PATCH /findings/batchupdate 200']);

    // Undo: the same action with the previous status.
    const undo = await runAction(call, 'update-finding-workflow', { findings: [ref(first)], status: 'NEW' });
    expect(undo).toEqual({ processed: [{ ...ref(first), previous_status: 'SUPPRESSED' }], unprocessed: [] });
  });

  it('plans the BatchUpdateFindings request without sending anything', async () => {
    const { call, first } = await start();
    const planned = await planAction(call, 'update-finding-workflow', { findings: [ref(first)], status: 'RESOLVED' });
    expect(planned).toEqual([
      { method: 'PATCH', url: '/findings/batchupdate', body: { FindingIdentifiers: [{ Id: first.Id, ProductArn: first.ProductArn }], Workflow: { Status: 'RESOLVED' } }, operation: 'batch-update-findings' },
    ]);
    expect(sim!.requests).toHaveLength(0);
  });

  it('lists findings Security Hub did not find, and fails with NOT_FOUND when it found none', async () => {
    const { call, first } = await start();
    const missing = { id: 'arn:aws:guardduty:us-east-1:111122223333:detector/sim/finding/none', product_arn: first.ProductArn };
    const partial = await runAction(call, 'update-finding-workflow', { findings: [ref(first), missing], status: 'NOTIFIED' });
    expect(partial).toMatchObject({ processed: [ref(first)], unprocessed: [{ ...missing, error_code: 'FindingNotFound' }] });
    await expect(runAction(call, 'update-finding-workflow', { findings: [missing], status: 'NOTIFIED' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('fails with VENDOR_PERMISSION_DENIED when the policy lacks securityhub:BatchUpdateFindings', async () => {
    const { call, first } = await start({ deny: ['securityhub:BatchUpdateFindings'] });
    await expect(runAction(call, 'update-finding-workflow', { findings: [ref(first)], status: 'RESOLVED' })).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED' });
  });

  it('waits out one throttling answer, and fails with VENDOR_RATE_LIMITED when throttling persists', async () => {
    const { call, clock, first } = await start();
    sim!.inject({ kind: 'rate-limit', retryAfterSeconds: 2 }, { afterRequests: 1 });
    await expect(runAction(call, 'update-finding-workflow', { findings: [ref(first)], status: 'RESOLVED' })).resolves.toMatchObject({ processed: [ref(first)] });
    expect(clock.waits.some((ms) => ms >= 2000)).toBe(true);
    for (let i = 0; i < 4; i += 1) sim!.inject({ kind: 'rate-limit', retryAfterSeconds: 1 });
    await expect(runAction(call, 'update-finding-workflow', { findings: [ref(first)], status: 'NEW' })).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
  });

  it('refuses an update with neither a status nor a note', async () => {
    const { call, first } = await start();
    await expect(runAction(call, 'update-finding-workflow', { findings: [ref(first)] })).rejects.toThrow(/status, a note, or both/);
    expect(sim!.requests).toHaveLength(0);
  });
});
