/**
 * Jira priorities on OCSF's scales. Jira Cloud's default scheme is Highest, High, Medium, Low, Lowest
 * (https://support.atlassian.com/jira-cloud-administration/docs/what-are-issue-statuses-priorities-and-resolutions/);
 * Blocker, Critical, Major, Minor and Trivial are the older default names many sites still use. Other
 * names are Other (99), with Jira's name kept.
 */
const SCALE: Readonly<Record<string, readonly [severityId: number, severity: string, priorityId: number]>> = {
  highest: [5, 'Critical', 4],
  blocker: [5, 'Critical', 4],
  critical: [5, 'Critical', 4],
  high: [4, 'High', 3],
  major: [4, 'High', 3],
  medium: [3, 'Medium', 2],
  low: [2, 'Low', 1],
  minor: [2, 'Low', 1],
  lowest: [1, 'Informational', 1],
  trivial: [1, 'Informational', 1],
};

export interface PriorityAttributes {
  readonly severity_id: number;
  readonly severity: string;
  readonly priority_id: number;
  readonly priority?: string;
}

/** severity and priority of an issue from its Jira priority name (none: Unknown). */
export function priorityAttributes(name: string | undefined): PriorityAttributes {
  if (name === undefined || name === '') return { severity_id: 0, severity: 'Unknown', priority_id: 0 };
  const known = SCALE[name.toLowerCase()];
  if (!known) return { severity_id: 99, severity: name, priority_id: 99, priority: name };
  return { severity_id: known[0], severity: known[1], priority_id: known[2], priority: name };
}
