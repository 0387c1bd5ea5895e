import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, planAction, runAction } from '@patchbay/conformance';
import connector from '../connector.ts';
import { startGuardDutySimulator, type GuardDutySimulator } from '../simulator/index.ts';

describe('archive-findings and unarchive-findings against the simulator', () => {
  let sim: GuardDutySimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function start() {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startGuardDutySimulator({ pageSize: 5, clock, regions: ['us-east-1', 'eu-west-1'] });
    sim.state.enable('eu-west-1', Date.parse('2026-04-01T00:00:00Z'));
    sim.state.seedFindings(3, undefined, 'eu-west-1');
    const ids = sim.state.allFindings().map((f) => f.id);
    return { options: { connector, simulator: sim, clock }, ids, archived: () => sim!.state.allFindings().map((f) => (f.service as { archived?: boolean }).archived) };
  }

  it('archives findings (looking the detector up), is idempotent, and unarchive-findings undoes it', async () => {
    const { options, ids, archived } = await start();
    const out = await runAction(options, 'archive-findings', { region: 'eu-west-1', finding_ids: ids.slice(0, 2) });
    expect(out).toEqual({ region: 'eu-west-1', detector_id: sim!.state.region('eu-west-1')!.detector!.id, finding_ids: ids.slice(0, 2), archived: true });
    expect(archived()).toEqual([true, true, false]);
    await runAction(options, 'archive-findings', { region: 'eu-west-1', finding_ids: ids.slice(0, 2) });
    expect(archived()).toEqual([true, true, false]);
    await runAction(options, 'unarchive-findings', { region: 'eu-west-1', finding_ids: [ids[0]!], detector_id: sim!.state.region('eu-west-1')!.detector!.id });
    expect(archived()).toEqual([false, true, false]);
    const posts = sim!.requests.filter((r) => r.method === 'POST').map((r) => r.path.split('/').slice(3).join('/'));
    expect(posts).toEqual(['findings/archive', 'findings/archive', 'findings/unarchive']);
  });

  it('declares each other as reverse, and plans without sending anything', async () => {
    const { options, ids } = await start();
    const [archive, unarchive] = connector.actions!;
    expect([archive!.reverse, unarchive!.reverse, archive!.impact, archive!.permissions]).toEqual(['unarchive-findings', 'archive-findings', 'low', ['guardduty:ArchiveFindings', 'guardduty:ListDetectors']]);
    const plan = await planAction(options, 'unarchive-findings', { region: 'eu-west-1', finding_ids: ids });
    expect(plan).toEqual([
      { method: 'GET', url: `${sim!.baseUrl}/detector`, operation: 'ListDetectors' },
      { method: 'POST', url: `${sim!.baseUrl}/detector/{detectorId from ListDetectors}/findings/unarchive`, body: { findingIds: ids }, operation: 'UnarchiveFindings' },
    ]);
    expect(sim!.requests).toEqual([]);
  });

  it("passes GuardDuty's BadRequestException on for finding ids it does not know (its not-found answer)", async () => {
    const { options } = await start();
    await expect(runAction(options, 'archive-findings', { region: 'eu-west-1', finding_ids: ['0123456789abcdef0123456789abcdef'] })).rejects.toMatchObject({
      code: 'VENDOR_REQUEST_REJECTED',
      details: { vendorError: 'BadRequestException', status: 400 },
    });
    await expect(runAction(options, 'archive-findings', { region: 'us-east-1', finding_ids: ['x'] })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', field: 'region' });
    await expect(runAction(options, 'archive-findings', { region: 'eu-west-1', finding_ids: ['x'], detector_id: 'not-mine' })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED' });
  });

  it('names the missing IAM permission on AccessDeniedException', async () => {
    const { options, ids } = await start();
    sim!.deny('ArchiveFindings');
    await expect(runAction(options, 'archive-findings', { region: 'eu-west-1', finding_ids: ids })).rejects.toMatchObject({
      code: 'VENDOR_PERMISSION_DENIED',
      message: expect.stringContaining('guardduty:ArchiveFindings'),
    });
  });

  it('waits out throttling, and gives up with VENDOR_RATE_LIMITED when GuardDuty asks for too long a wait', async () => {
    const { options, ids, archived } = await start();
    sim!.inject({ kind: 'rate-limit', retryAfterSeconds: 3 }, { afterRequests: 1 });
    await runAction(options, 'archive-findings', { region: 'eu-west-1', finding_ids: ids });
    expect(archived()).toEqual([true, true, true]);
    expect(sim!.requests.map((r) => r.status)).toEqual([200, 429, 200]);
    expect(options.clock.waits.some((ms) => ms >= 3000)).toBe(true);
    sim!.inject({ kind: 'rate-limit', retryAfterSeconds: 600 });
    await expect(runAction(options, 'unarchive-findings', { region: 'eu-west-1', finding_ids: ids })).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
  });
});
