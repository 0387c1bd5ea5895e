/**
 * Jira Cloud's issue as the REST API v3 returns it (IssueBean: `GET /rest/api/3/issue/{key}`, each item of
 * a search, and the `issue` of a webhook payload): `fields` holds the system fields below and every custom
 * field as `customfield_NNNNN`.
 */
export interface JiraUser {
  readonly accountId?: string;
  readonly accountType?: string;
  readonly emailAddress?: string;
  readonly displayName?: string;
  readonly active?: boolean;
  readonly timeZone?: string;
  readonly self?: string;
  readonly [field: string]: unknown;
}

export interface JiraStatusCategory {
  readonly id?: number;
  /** `new`, `indeterminate` or `done` (and `undefined` for "No category"). */
  readonly key?: string;
  readonly name?: string;
  readonly colorName?: string;
  readonly self?: string;
}

export interface JiraStatus {
  readonly id?: string;
  readonly name?: string;
  readonly description?: string;
  readonly iconUrl?: string;
  readonly self?: string;
  readonly statusCategory?: JiraStatusCategory;
}

export interface JiraNamed {
  readonly id?: string;
  readonly name?: string;
  readonly self?: string;
  readonly [field: string]: unknown;
}

export interface JiraIssueFields {
  readonly summary?: string;
  /** Atlassian Document Format (API v3). */
  readonly description?: unknown;
  readonly status?: JiraStatus;
  readonly priority?: JiraNamed | null;
  readonly labels?: readonly string[];
  readonly issuetype?: JiraNamed & { readonly subtask?: boolean };
  readonly project?: JiraNamed & { readonly key?: string };
  readonly created?: string;
  readonly updated?: string;
  readonly assignee?: JiraUser | null;
  readonly reporter?: JiraUser | null;
  readonly creator?: JiraUser | null;
  readonly resolution?: JiraNamed | null;
  readonly resolutiondate?: string | null;
  readonly duedate?: string | null;
  readonly [field: string]: unknown;
}

export interface JiraIssue {
  readonly id: string;
  readonly key: string;
  readonly self?: string;
  readonly expand?: string;
  readonly fields: JiraIssueFields;
  readonly [field: string]: unknown;
}

/** Jira's error body (ErrorCollection): messages, and messages per field. */
export interface JiraErrorCollection {
  readonly errorMessages?: readonly string[];
  readonly errors?: Readonly<Record<string, string>>;
  readonly status?: number;
}
