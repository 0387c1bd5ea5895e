/** OCSF finding attributes derived from Graph's alert and incident lifecycle fields. */

/** alertStatus: new, inProgress, resolved (https://learn.microsoft.com/en-us/graph/api/resources/security-alert). */
const ALERT_STATUS: Readonly<Record<string, [number, string]>> = { unknown: [0, 'Unknown'], new: [1, 'New'], inProgress: [2, 'In Progress'], resolved: [4, 'Resolved'] };
/** incidentStatus: active, inProgress, resolved, redirected (https://learn.microsoft.com/en-us/graph/api/resources/security-incident). */
const INCIDENT_STATUS: Readonly<Record<string, [number, string]>> = { active: [1, 'New'], inProgress: [2, 'In Progress'], resolved: [4, 'Resolved'] };
/** alertClassification to OCSF verdict_id. */
const VERDICT: Readonly<Record<string, [number, string]>> = {
  unknown: [0, 'Unknown'],
  falsePositive: [1, 'False Positive'],
  truePositive: [2, 'True Positive'],
  informationalExpectedActivity: [5, 'Benign'],
};

function lookup(table: Readonly<Record<string, [number, string]>>, value: unknown, idKey: string, nameKey: string): Record<string, unknown> {
  if (value === undefined || value === null || value === '') return {};
  const found = table[String(value)];
  return found ? { [idKey]: found[0], [nameKey]: found[1] } : { [idKey]: 99, [nameKey]: String(value) };
}

export const alertStatus = (value: unknown) => lookup(ALERT_STATUS, value, 'status_id', 'status');
export const incidentStatus = (value: unknown) => ({ status_id: 0, status: 'Unknown', ...lookup(INCIDENT_STATUS, value, 'status_id', 'status') });
export const verdictOf = (classification: unknown) => lookup(VERDICT, classification, 'verdict_id', 'verdict');

/** Create when the record was never changed, Close once resolved, Update otherwise (OCSF finding activities). */
export function findingActivity(status: unknown, created: unknown, updated: unknown): { activity_id: number; activity_name: string } {
  if (status === 'resolved') return { activity_id: 3, activity_name: 'Close' };
  if (created !== undefined && created !== null && created === updated) return { activity_id: 1, activity_name: 'Create' };
  return { activity_id: 2, activity_name: 'Update' };
}
