/**
 * ServiceNow's incident scales (base instance choices of the incident table) and their OCSF ids and captions.
 * https://docs.servicenow.com/bundle/london-it-service-management/page/product/incident-management/concept/c_IncidentManagementStateModel.html,
 * https://docs.servicenow.com/bundle/rome-it-service-management/page/product/incident-management/task/def-prio-lookup-rules.html
 */
type Scale = Readonly<Record<string, readonly [id: number, caption: string]>>;

/** incident.state value → OCSF Incident Finding status (Canceled has no OCSF status: Other, named by the vendor). */
export const STATUS_IDS: Scale = { '1': [1, 'New'], '2': [2, 'In Progress'], '3': [3, 'On Hold'], '6': [4, 'Resolved'], '7': [5, 'Closed'] };

/** incident.state value → OCSF ticket status_id (ticket object: 1 New, 2 In Progress, 4 On Hold, 5 Resolved, 6 Closed, 7 Canceled). */
export const TICKET_STATUS_IDS: Readonly<Record<string, number>> = { '1': 1, '2': 2, '3': 4, '6': 5, '7': 6, '8': 7 };

/** incident.priority (1 Critical, 2 High, 3 Moderate, 4 Low, 5 Planning) → OCSF priority (4 Critical .. 1 Low). */
export const PRIORITY_IDS: Scale = { '1': [4, 'Critical'], '2': [3, 'High'], '3': [2, 'Medium'], '4': [1, 'Low'], '5': [1, 'Low'] };

/** incident.severity (1 - High, 2 - Medium, 3 - Low) → OCSF severity (4 High, 3 Medium, 2 Low). */
export const SEVERITY_IDS: Scale = { '1': [4, 'High'], '2': [3, 'Medium'], '3': [2, 'Low'] };

/** incident.impact (1 - High, 2 - Medium, 3 - Low) → OCSF impact (3 High, 2 Medium, 1 Low). */
export const IMPACT_IDS: Scale = { '1': [3, 'High'], '2': [2, 'Medium'], '3': [1, 'Low'] };

/**
 * An OCSF enum pair from a vendor value: a known value's id and OCSF caption, else Other (99) with the
 * vendor's label; nothing when unset. (The vendor's own labels stay under `unmapped` with the raw field.)
 */
export function scaled(scale: Scale, value: string | undefined, vendorLabel: string | undefined): { id: number; label: string } | undefined {
  if (value === undefined) return undefined;
  const known = scale[value];
  return known ? { id: known[0], label: known[1] } : { id: 99, label: vendorLabel ?? value };
}
