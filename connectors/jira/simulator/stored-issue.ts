import { formatJiraTime } from '../jira-api/jira-time.ts';
import { CATEGORIES, ISSUE_TYPES, PRIORITIES, RESOLUTIONS, STATUSES, type CustomField, type SiteUser } from './site-data.ts';

export interface StoredComment {
  readonly id: string;
  readonly body: unknown;
  readonly author: SiteUser;
  readonly created: number;
}

/** One issue as the simulated site holds it. */
export interface StoredIssue {
  readonly id: string;
  readonly key: string;
  readonly project: string;
  readonly number: number;
  summary: string;
  description: unknown;
  status: string;
  priority: string | null;
  labels: string[];
  issueType: string;
  readonly created: number;
  updated: number;
  assignee: SiteUser | null;
  readonly reporter: SiteUser;
  resolution: string | null;
  resolutionDate: number | null;
  duedate: string | null;
  custom: Record<string, unknown>;
  readonly comments: StoredComment[];
}

export const PROJECT = { id: '10000', key: 'SEC', name: 'Security' } as const;

/** An account as Jira renders it in issues, comments and webhooks. */
export function userJson(origin: string, user: SiteUser | null): unknown {
  if (user === null) return null;
  return {
    self: `${origin}/rest/api/3/user?accountId=${user.accountId}`,
    accountId: user.accountId,
    ...(user.emailAddress ? { emailAddress: user.emailAddress } : {}),
    displayName: user.displayName,
    active: true,
    timeZone: 'UTC',
    accountType: user.accountType,
  };
}

/** A status as Jira renders it, with its category. */
export function statusJson(origin: string, name: string): unknown {
  const status = STATUSES.find((s) => s.name === name) ?? { id: '1', name, category: 'new' as const };
  const category = CATEGORIES[status.category];
  return {
    self: `${origin}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${origin}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: { self: `${origin}/rest/api/3/statuscategory/${category.id}`, ...category },
  };
}

/**
 * The issue as GET /rest/api/3/issue/{key} and the searches render it: `fields` holds the system fields
 * and every custom field of the site (null when unset, as Jira does), restricted to `wanted` when the
 * request names fields (`*navigable` and `*all` mean all of them here).
 */
export function issueJson(issue: StoredIssue, origin: string, customFields: Readonly<Record<string, CustomField>>, wanted?: readonly string[]): Record<string, unknown> {
  const priority = PRIORITIES.find((p) => p.name === issue.priority);
  const type = ISSUE_TYPES.find((t) => t.name === issue.issueType) ?? ISSUE_TYPES[0];
  const resolution = RESOLUTIONS.find((r) => r.name === issue.resolution);
  const fields: Record<string, unknown> = {
    summary: issue.summary,
    description: issue.description,
    status: statusJson(origin, issue.status),
    priority: priority ? { self: `${origin}/rest/api/3/priority/${priority.id}`, iconUrl: `${origin}/images/icons/priorities/${priority.name.toLowerCase()}.svg`, name: priority.name, id: priority.id } : null,
    labels: [...issue.labels],
    issuetype: { self: `${origin}/rest/api/3/issuetype/${type.id}`, id: type.id, description: '', name: type.name, subtask: false, hierarchyLevel: 0 },
    project: { self: `${origin}/rest/api/3/project/${PROJECT.id}`, id: PROJECT.id, key: issue.project, name: PROJECT.name, projectTypeKey: 'software', simplified: false },
    created: formatJiraTime(issue.created),
    updated: formatJiraTime(issue.updated),
    assignee: userJson(origin, issue.assignee),
    reporter: userJson(origin, issue.reporter),
    creator: userJson(origin, issue.reporter),
    resolution: resolution ? { self: `${origin}/rest/api/3/resolution/${resolution.id}`, id: resolution.id, description: '', name: resolution.name } : null,
    resolutiondate: issue.resolutionDate === null ? null : formatJiraTime(issue.resolutionDate),
    duedate: issue.duedate,
    components: [],
    ...Object.fromEntries(Object.keys(customFields).map((id) => [id, issue.custom[id] ?? null])),
  };
  const all = wanted === undefined || wanted.some((f) => f === '*navigable' || f === '*all');
  const picked = all ? fields : Object.fromEntries(Object.entries(fields).filter(([name]) => wanted.includes(name)));
  return {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${origin}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
    fields: picked,
  };
}
