import { GetDetectorCommand, ListMembersCommand } from '@aws-sdk/client-guardduty';
import type { ConnectorContext, ValidateResult } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { RegionalGuardDuty } from './client/guardduty.ts';
import type { GuardDutyConfig } from './config.ts';
import { detectorIds } from './streams/detector-ids.ts';

interface Member {
  readonly accountId?: string;
  readonly administratorId?: string;
  readonly masterId?: string;
}

/**
 * Test connection: the detector of each configured Region (ListDetectors, GetDetector), read-only and
 * cheap. With `administrator_account_id`, it also reads one member (ListMembers,
 * https://docs.aws.amazon.com/guardduty/latest/APIReference/API_ListMembers.html) and checks that the
 * members are administered from that account: credentials of a member account would only see their own
 * findings.
 */
export async function validateAccess(ctx: ConnectorContext<GuardDutyConfig>): Promise<ValidateResult> {
  const regions: Record<string, { detectorId: string | null; status?: string }> = {};
  for (const region of ctx.config.regions) {
    const guardDuty = new RegionalGuardDuty(ctx, region, 'validate');
    const [detectorId] = await detectorIds(guardDuty);
    if (detectorId === undefined) {
      regions[region] = { detectorId: null };
      continue;
    }
    const detector = await guardDuty.raw<{ status?: string }>(new GetDetectorCommand({ DetectorId: detectorId }));
    regions[region] = { detectorId, ...(detector.status ? { status: detector.status } : {}) };
    const admin = ctx.config.administrator_account_id;
    if (admin === undefined) continue;
    const page = await guardDuty.raw<{ members?: Member[] }>(new ListMembersCommand({ DetectorId: detectorId, MaxResults: 1, OnlyAssociated: 'true' }));
    const member = page.members?.[0];
    const administrator = member?.administratorId ?? member?.masterId;
    if (member === undefined || administrator !== admin) {
      throw new PatchbayError('CONFIG_INVALID', {
        field: 'administrator_account_id',
        message: member === undefined
          ? `The detector in ${region} has no member accounts: these credentials are not those of the delegated administrator ${admin}`
          : `The members of the detector in ${region} are administered by ${administrator ?? 'another account'}, not ${admin}`,
        hint: 'Use credentials (or a role) of the GuardDuty delegated administrator account, or clear administrator_account_id.',
      });
    }
  }
  if (Object.values(regions).every((r) => r.detectorId === null)) {
    throw new PatchbayError('CONFIG_INVALID', { field: 'regions', message: 'GuardDuty is enabled in none of the configured Regions (no detector)', hint: 'Enable GuardDuty there, or choose the Regions where it is enabled.' });
  }
  return { ok: true, details: { regions } };
}
