import { BadRequestException, GetFindingsCommand, ListFindingsCommand } from '@aws-sdk/client-guardduty';
import type { TimeWindow } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { RegionalGuardDuty } from '../client/guardduty.ts';
import type { GuardDutyFinding } from '../mappers/types.ts';

export interface FindingQuery {
  readonly detectorId: string;
  readonly pageSize: number;
  readonly includeArchived: boolean;
}

const byUpdate = (a: GuardDutyFinding, b: GuardDutyFinding) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The findings updated within `window`, oldest first, a page at a time: ListFindings with a
 * FindingCriteria on `updatedAt` (epoch milliseconds, greaterThanOrEqual / lessThanOrEqual) sorted by
 * `updatedAt` ascending, followed through `nextToken`
 * (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_ListFindings.html); then GetFindings
 * for each page's ids, at most 50 (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_GetFindings.html).
 * GuardDuty answers a page token it no longer accepts with BadRequestException: on a request that
 * carries one, that is PAGE_TOKEN_EXPIRED and the engine restarts from the last checkpoint.
 */
export async function* findingPages(guardDuty: RegionalGuardDuty, query: FindingQuery, window: TimeWindow): AsyncGenerator<GuardDutyFinding[]> {
  const criterion = {
    updatedAt: { GreaterThanOrEqual: window.from.getTime(), LessThanOrEqual: window.to.getTime() },
    ...(query.includeArchived ? {} : { 'service.archived': { Equals: ['false'] } }),
  };
  let token: string | undefined;
  do {
    let page: { findingIds?: string[]; nextToken?: string };
    try {
      page = await guardDuty.raw(
        new ListFindingsCommand({
          DetectorId: query.detectorId,
          FindingCriteria: { Criterion: criterion },
          SortCriteria: { AttributeName: 'updatedAt', OrderBy: 'ASC' },
          MaxResults: query.pageSize,
          ...(token ? { NextToken: token } : {}),
        }),
      );
    } catch (error) {
      if (token !== undefined && error instanceof BadRequestException) {
        throw new PatchbayError('PAGE_TOKEN_EXPIRED', { message: `GuardDuty in ${guardDuty.region} no longer accepts the ListFindings page token`, cause: error });
      }
      throw error;
    }
    const ids = page.findingIds ?? [];
    const findings = ids.length === 0 ? [] : (await guardDuty.raw<{ findings?: GuardDutyFinding[] }>(new GetFindingsCommand({ DetectorId: query.detectorId, FindingIds: ids }))).findings ?? [];
    yield [...findings].sort(byUpdate);
    const next = page.nextToken || undefined;
    if (next !== undefined && next === token) {
      throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `GuardDuty in ${guardDuty.region} answered ListFindings with the page token it was sent` });
    }
    token = next;
  } while (token !== undefined);
}
