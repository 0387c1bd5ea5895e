import { GetFindingsCommand, type GetFindingsCommandInput } from '@aws-sdk/client-securityhub';
import type { TimeWindow } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { SecurityHub } from '../client/security-hub.ts';
import type { SecurityHubConfig } from '../config.ts';
import type { AsffFinding } from '../mappers/finding.ts';

/**
 * The GetFindings input for one Region and one UpdatedAt window, oldest first.
 * https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_GetFindings.html: POST /findings with
 * Filters (UpdatedAt DateFilter Start/End, Region and AwsAccountId StringFilters), SortCriteria,
 * MaxResults (at most 100) and NextToken in the JSON body.
 */
export function getFindingsInput(config: SecurityHubConfig, region: string, window: TimeWindow): GetFindingsCommandInput {
  return {
    Filters: {
      UpdatedAt: [{ Start: window.from.toISOString(), End: window.to.toISOString() }],
      Region: [{ Value: region, Comparison: 'EQUALS' }],
      ...(config.account_ids.length > 0 ? { AwsAccountId: config.account_ids.map((id) => ({ Value: id, Comparison: 'EQUALS' as const })) } : {}),
    },
    SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'asc' }],
    MaxResults: config.page_size,
  };
}

interface FindingsPage {
  readonly Findings?: AsffFinding[];
  readonly NextToken?: string;
}

/**
 * The findings of one Region updated within `window`, a page at a time, following `NextToken`. A page
 * may hold no findings and still carry a NextToken: the listing goes on. Security Hub answers a
 * NextToken it no longer accepts with InvalidInputException: on a request carrying one, that is
 * PAGE_TOKEN_EXPIRED (../client/vendor-error.ts) and the engine restarts from the last checkpoint.
 */
export async function* findingPages(hub: SecurityHub, config: SecurityHubConfig, region: string, window: TimeWindow): AsyncGenerator<AsffFinding[]> {
  const input = getFindingsInput(config, region, window);
  let token: string | undefined;
  do {
    const page = await hub.raw<FindingsPage>(new GetFindingsCommand({ ...input, ...(token ? { NextToken: token } : {}) }), { continuation: token !== undefined });
    yield page.Findings ?? [];
    const next = page.NextToken || undefined;
    if (next !== undefined && next === token) {
      throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `Security Hub answered GetFindings for ${region} with the NextToken it was sent` });
    }
    token = next;
  } while (token !== undefined);
}
