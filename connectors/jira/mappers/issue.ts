import { ocsfVersion } from '@patchbay/ocsf';
import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { adfToText } from '../jira-api/adf.ts';
import type { JiraIssue, JiraUser } from '../jira-api/issue-types.ts';
import { jiraTimeMs } from '../jira-api/jira-time.ts';
import { priorityAttributes } from './priority.ts';
import { FINDING_STATUS_ID, patchbayStatus, TICKET_STATUS_ID } from './status.ts';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

/** The link a person opens, from the issue's `self` on the site (`/rest/api/3/issue/10001` → `/browse/SEC-1`); none through the OAuth gateway. */
export function browseUrlOf(self: unknown, key: string): string | undefined {
  if (typeof self !== 'string') return undefined;
  try {
    const url = new URL(self);
    const at = url.pathname.indexOf('/rest/api/');
    if (url.hostname === 'api.atlassian.com' || at < 0) return undefined;
    return `${url.origin}${url.pathname.slice(0, at)}/browse/${encodeURIComponent(key)}`;
  } catch {
    return undefined;
  }
}

/** An Atlassian account as an OCSF user: account id, display name, email when the privacy settings show it. */
function userOf(user: JiraUser | null | undefined): Record<string, unknown> | undefined {
  if (!user || (text(user.accountId) === undefined && text(user.displayName) === undefined)) return undefined;
  return {
    ...opt('uid', text(user.accountId)),
    ...opt('name', text(user.displayName)),
    ...opt('email_addr', text(user.emailAddress)),
    ...opt('type', text(user.accountType)),
    type_id: user.accountType === 'app' ? 4 : user.accountType === 'atlassian' ? 1 : 0,
  };
}

/** Create when the issue has not changed since it was created, Close once it is done, Update otherwise. */
function activityOf(done: boolean, createdMs: number | undefined, updatedMs: number): { activity_id: number; activity_name: string } {
  if (done) return { activity_id: 3, activity_name: 'Close' };
  if (createdMs !== undefined && createdMs === updatedMs) return { activity_id: 1, activity_name: 'Create' };
  return { activity_id: 2, activity_name: 'Update' };
}

/**
 * A Jira issue (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get)
 * as an OCSF Incident Finding (2005): the issue key as the finding's and the ticket's uid, its summary and
 * description (ADF read as text), Jira's status name in `status` (what the ticket engine reads back) with
 * status_id from the status table or category, priority on OCSF's severity and priority scales, the
 * resolution as status detail, the assignee, and the labels in `metadata.labels`. Every other field
 * (custom fields, project, reporter, components...) is kept under `unmapped`.
 */
export function mapIssue(raw: JiraIssue, meta: MapMeta): OcsfRecord {
  const { id, key, self, fields, ...restTop } = raw;
  const { summary, description, status, priority, labels, issuetype, created, updated, assignee, resolution, resolutiondate, ...restFields } = fields ?? {};
  const updatedMs = jiraTimeMs(updated) ?? meta.receivedAt.getTime();
  const createdMs = jiraTimeMs(created);
  const resolvedMs = jiraTimeMs(resolutiondate);
  const statusName = text(status?.name);
  const ours = patchbayStatus(statusName, status?.statusCategory?.key);
  const done = status?.statusCategory?.key === 'done' || ours === 'resolved' || ours === 'closed';
  const activity = activityOf(done, createdMs, updatedMs);
  const title = text(summary) ?? key;
  const desc = adfToText(description);
  const srcUrl = browseUrlOf(self, key);
  const type = text(issuetype?.name);
  return {
    class_uid: 2005,
    category_uid: 2,
    ...activity,
    type_uid: 200_500 + activity.activity_id,
    ...priorityAttributes(text(priority?.name)),
    ...opt('status', statusName),
    status_id: FINDING_STATUS_ID[ours],
    ...opt('status_detail', text(resolution?.name)),
    time: updatedMs,
    ...opt('start_time', createdMs),
    ...opt('end_time', done ? resolvedMs : undefined),
    message: title,
    ...opt('desc', desc),
    ...opt('src_url', srcUrl),
    finding_info_list: [
      {
        uid: key,
        uid_alt: id,
        title,
        ...opt('desc', desc),
        ...opt('created_time', createdMs),
        modified_time: updatedMs,
        ...opt('src_url', srcUrl),
        ...(type ? { types: [type] } : {}),
      },
    ],
    // OCSF requires an assignee (or group) on an incident finding: an unassigned issue has the assignee "Unassigned", of unknown type.
    assignee: userOf(assignee) ?? { name: 'Unassigned', type_id: 0, type: 'Unknown' },
    ticket: { uid: key, title, ...opt('src_url', srcUrl), ...opt('type', type), type_id: 2, ...opt('status', statusName), status_id: TICKET_STATUS_ID[ours] },
    metadata: {
      version: ocsfVersion,
      uid: id,
      product: { name: 'Jira Cloud', vendor_name: 'Atlassian' },
      profiles: ['incident'],
      ...opt('original_time', text(updated)),
      ...(Array.isArray(labels) && labels.length > 0 ? { labels: [...labels] } : {}),
    },
    unmapped: { ...restTop, ...opt('self', self), fields: restFields },
  };
}
