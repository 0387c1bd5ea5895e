import type { ConnectorContext } from '@patchbay/sdk';
import type { PagerDutyConfig } from '../config.ts';
import { REST_HEADERS } from './rest.ts';
import { restError } from './rest-errors.ts';

export interface Priority {
  readonly id: string;
  readonly name: string;
  readonly summary?: string;
}

interface PriorityPage {
  readonly priorities: Priority[];
  readonly more?: boolean;
}

/**
 * The account's priorities, most severe first: GET /priorities
 * (https://developer.pagerduty.com/api-reference/0fa9ad52bf2d2-list-priorities), offset paging with `more`.
 * An account without priorities answers an empty list, or 402 when its plan lacks the ability: both are
 * "no priorities" here.
 */
export async function listPriorities(ctx: ConnectorContext<PagerDutyConfig>): Promise<Priority[]> {
  const all: Priority[] = [];
  for (let offset = 0; ; ) {
    const response = await ctx.http.request<PriorityPage>({ method: 'GET', url: '/priorities', query: { limit: 100, offset }, headers: REST_HEADERS, acceptStatus: [400, 402, 404], operation: 'list-priorities' });
    if (response.status === 402) return [];
    if (response.status >= 400) throw restError(response, 'the priority listing');
    const page = response.body.priorities ?? [];
    all.push(...page);
    if (!response.body.more || page.length === 0) return all;
    offset += page.length;
  }
}
