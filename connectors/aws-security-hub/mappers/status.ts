/**
 * Workflow.Status (https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_Workflow.html) to the
 * OCSF finding status: NEW → New, NOTIFIED → In Progress (the owner was told, work is under way),
 * SUPPRESSED → Suppressed, RESOLVED → Resolved. An ARCHIVED RecordState (the provider closed the
 * finding) wins: Archived, with activity Close.
 */
const WORKFLOW: Readonly<Record<string, readonly [number, string]>> = {
  NEW: [1, 'New'],
  NOTIFIED: [2, 'In Progress'],
  SUPPRESSED: [3, 'Suppressed'],
  RESOLVED: [4, 'Resolved'],
};

export function findingStatus(workflow: string | undefined, recordState: string | undefined): { readonly status_id: number; readonly status: string } {
  if (recordState === 'ARCHIVED') return { status_id: 5, status: 'Archived' };
  if (workflow === undefined) return { status_id: 0, status: 'Unknown' };
  const known = WORKFLOW[workflow];
  return known ? { status_id: known[0], status: known[1] } : { status_id: 99, status: workflow };
}

/** Compliance.Status: PASSED → Pass, WARNING → Warning, FAILED → Fail, NOT_AVAILABLE → Unknown (no result). */
const COMPLIANCE: Readonly<Record<string, number>> = { PASSED: 1, WARNING: 2, FAILED: 3, NOT_AVAILABLE: 0 };

export function complianceStatusId(status: string | undefined): number {
  if (status === undefined) return 0;
  return COMPLIANCE[status] ?? 99;
}

/** Create for a finding never updated, Close for an archived one, Update otherwise. */
export function activityOf(createdMs: number | undefined, updatedMs: number | undefined, recordState: string | undefined): { readonly activity_id: number; readonly activity_name: string } {
  if (recordState === 'ARCHIVED') return { activity_id: 3, activity_name: 'Close' };
  if (createdMs !== undefined && createdMs === updatedMs) return { activity_id: 1, activity_name: 'Create' };
  return { activity_id: 2, activity_name: 'Update' };
}
