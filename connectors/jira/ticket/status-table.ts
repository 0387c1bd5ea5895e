import type { TicketStatus } from '@patchbay/sdk';
import type { JiraConfig } from '../config.ts';
import { JIRA_STATUSES } from '../mappers/status.ts';

/** The instance's status table: the connector's, with the site's own workflow statuses from the `statuses` setting on top. */
export function statusTableOf(config: Pick<JiraConfig, 'statuses'>): Readonly<Record<string, TicketStatus>> {
  return { ...JIRA_STATUSES, ...config.statuses };
}
