import { ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { PatchbayError } from '@patchbay/types';
import type { RegionalGuardDuty } from '../client/guardduty.ts';

/**
 * The detector ids of one Region: ListDetectors, followed through `nextToken`
 * (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_ListDetectors.html). GuardDuty allows
 * one detector per account per Region, so this is one id, or none where GuardDuty is not enabled.
 */
export async function detectorIds(guardDuty: RegionalGuardDuty): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  do {
    const page = await guardDuty.raw<{ detectorIds?: string[]; nextToken?: string }>(new ListDetectorsCommand({ MaxResults: 50, ...(token ? { NextToken: token } : {}) }));
    ids.push(...(page.detectorIds ?? []));
    const next = page.nextToken || undefined;
    if (next !== undefined && next === token) {
      throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `GuardDuty in ${guardDuty.region} answered ListDetectors with the page token it was sent` });
    }
    token = next;
  } while (token !== undefined);
  return ids;
}
