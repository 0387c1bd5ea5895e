/**
 * The simulated site's configuration: a project, the statuses of a Jira Software workflow with their
 * categories, the default priority scheme, issue types, resolutions, users and two custom fields, with
 * the ids Jira Cloud gives them on a new site.
 */
export interface SiteStatus {
  readonly id: string;
  readonly name: string;
  readonly category: 'new' | 'indeterminate' | 'done';
}

export const STATUSES: readonly SiteStatus[] = [
  { id: '10000', name: 'To Do', category: 'new' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10002', name: 'In Review', category: 'indeterminate' },
  { id: '10003', name: 'Blocked', category: 'indeterminate' },
  { id: '10001', name: 'Done', category: 'done' },
];

/** The status categories (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-status-categories/). */
export const CATEGORIES = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;

/** Global transitions of the simplified workflow: each named for and leading to one status (ids as Jira numbers them). */
export const TRANSITION_IDS: Readonly<Record<string, string>> = { 'To Do': '11', 'In Progress': '21', 'In Review': '31', Blocked: '41', Done: '51' };

export const PRIORITIES = [
  { id: '1', name: 'Highest' },
  { id: '2', name: 'High' },
  { id: '3', name: 'Medium' },
  { id: '4', name: 'Low' },
  { id: '5', name: 'Lowest' },
] as const;

export const ISSUE_TYPES = [
  { id: '10001', name: 'Task' },
  { id: '10002', name: 'Bug' },
  { id: '10003', name: 'Story' },
] as const;

export const RESOLUTIONS = [
  { id: '10000', name: 'Done' },
  { id: '10001', name: "Won't Do" },
  { id: '10002', name: 'Duplicate' },
] as const;

export interface SiteUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly emailAddress?: string;
  readonly accountType: 'atlassian' | 'app';
}

export const USERS: readonly SiteUser[] = [
  { accountId: '5b10a2844c20165700ede21g', displayName: 'Mia Krystof', emailAddress: 'mia@example.com', accountType: 'atlassian' },
  { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Emma Richards', accountType: 'atlassian' },
];

/** A custom field of the site and the JSON type its value must have. */
export interface CustomField {
  readonly name: string;
  readonly type: 'number' | 'string' | 'array' | 'option';
}

export const DEFAULT_CUSTOM_FIELDS: Readonly<Record<string, CustomField>> = {
  customfield_10042: { name: 'Risk score', type: 'number' },
  customfield_10043: { name: 'Affected asset', type: 'string' },
};
