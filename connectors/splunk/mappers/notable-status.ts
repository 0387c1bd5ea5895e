/**
 * ES statuses to OCSF finding statuses. The default ES statuses are 0 Unassigned, 1 New, 2 In Progress,
 * 3 Pending, 4 Resolved, 5 Closed ("Manage notable event statuses",
 * https://docs.splunk.com/Documentation/ES/latest/Admin/Managenotablestatus); administrators may add
 * their own, which become Other with the label.
 */
const BY_LABEL: Readonly<Record<string, readonly [number, string]>> = {
  unassigned: [1, 'New'],
  new: [1, 'New'],
  'in progress': [2, 'In Progress'],
  resolved: [4, 'Resolved'],
  closed: [4, 'Resolved'],
};
const BY_ID: Readonly<Record<string, string>> = { '0': 'unassigned', '1': 'new', '2': 'in progress', '3': 'pending', '4': 'resolved', '5': 'closed' };

export interface FindingStatus {
  readonly status_id: number;
  readonly status: string;
  /** The ES label, where OCSF's caption says less (Unassigned, Closed, Pending, a custom status). */
  readonly status_detail?: string;
  /** OCSF activity: Close for Resolved and Closed, Update once someone worked on it, else Create. */
  readonly activity_id: 1 | 2 | 3;
}

export function findingStatus(status: string | undefined, label: string | undefined): FindingStatus | undefined {
  const name = (label ?? (status === undefined ? undefined : BY_ID[status.trim()]))?.trim();
  if (name === undefined || name === '') return undefined;
  const known = BY_LABEL[name.toLowerCase()];
  const display = label?.trim() ?? name.replace(/\b\w/g, (c) => c.toUpperCase());
  const [statusId, caption] = known ?? [99, display];
  const activity = statusId === 4 ? 3 : statusId === 1 ? 1 : 2;
  return { status_id: statusId, status: caption, ...(display !== caption ? { status_detail: display } : {}), activity_id: activity };
}

/** ES urgency (and severity) names to OCSF severity_id ("How urgency is assigned to notable events"). */
const SEVERITY: Readonly<Record<string, readonly [number, string]>> = {
  informational: [1, 'Informational'],
  info: [1, 'Informational'],
  low: [2, 'Low'],
  medium: [3, 'Medium'],
  high: [4, 'High'],
  critical: [5, 'Critical'],
};

export function severityOf(urgency: string | undefined): { severity_id: number; severity: string } {
  if (urgency === undefined || urgency.trim() === '' || urgency.trim().toLowerCase() === 'unknown') return { severity_id: 0, severity: 'Unknown' };
  const [id, caption] = SEVERITY[urgency.trim().toLowerCase()] ?? [99, urgency.trim()];
  return { severity_id: id, severity: caption };
}

/** ES dispositions (`disposition_label`) to the Incident profile's verdict. */
export function verdictOf(label: string | undefined): { verdict_id: number; verdict: string } | undefined {
  const text = label?.trim().toLowerCase();
  if (!text || text === 'unassigned') return undefined;
  if (text.startsWith('true positive')) return { verdict_id: 2, verdict: 'True Positive' };
  if (text.startsWith('false positive')) return { verdict_id: 1, verdict: 'False Positive' };
  if (text.startsWith('benign positive')) return { verdict_id: 5, verdict: 'Benign' };
  if (text.startsWith('undetermined')) return { verdict_id: 7, verdict: 'Insufficient Data' };
  return { verdict_id: 99, verdict: label!.trim() };
}
