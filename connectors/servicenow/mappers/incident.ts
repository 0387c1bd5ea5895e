import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { READ_ONLY_STATES, stateName } from '../incident-states.ts';
import { displayOf, snTimeMs, sysIdOf, valueOf, type TableRecord } from '../table-record.ts';
import { IMPACT_IDS, PRIORITY_IDS, SEVERITY_IDS, STATUS_IDS, TICKET_STATUS_IDS, scaled } from './incident-scales.ts';
import { compact, metadataOf, referenceOf, unmappedOf } from './metadata.ts';

const MAPPED = [
  'sys_id', 'number', 'short_description', 'description', 'opened_at', 'resolved_at', 'closed_at', 'sys_created_on', 'sys_updated_on',
  'assigned_to', 'assignment_group', 'cmdb_ci', 'close_notes', 'correlation_id',
];

/** Create for an incident never updated, Close for a closed or canceled one, Update otherwise. */
function activityOf(record: TableRecord): { activity_id: number; activity_name: string } {
  const state = valueOf(record, 'state');
  if (state !== undefined && READ_ONLY_STATES.has(state)) return { activity_id: 3, activity_name: 'Close' };
  return valueOf(record, 'sys_mod_count') === '0' ? { activity_id: 1, activity_name: 'Create' } : { activity_id: 2, activity_name: 'Update' };
}

/**
 * A ServiceNow incident as an OCSF Incident Finding (2005). The vendor's state name (New, In Progress,
 * On Hold, Resolved, Closed, Canceled; other states by their label) is `status`, which the ticket
 * declaration's `statusOf` reads, and `status_id` its OCSF status; severity, priority and impact follow
 * ServiceNow's scales (mappers/incident-scales.ts); the incident number is the uid of its `tickets` entry; assignee and
 * assignment group are the assignee (an unassigned incident gets assignee "Unassigned", as OCSF requires
 * one); the configuration item is the device; the resolution code (display) and notes are status detail and comment;
 * the correlation id (Patchbay's dedup key on tickets it opened) is metadata.correlation_uid. Everything
 * else (urgency, caller, custom u_ fields..., and the raw state, priority, impact, severity and category
 * with ServiceNow's labels) stays under `unmapped`.
 */
export function mapIncident(record: TableRecord, meta: MapMeta): OcsfRecord {
  const sysId = sysIdOf(record);
  const number = valueOf(record, 'number');
  const title = valueOf(record, 'short_description') ?? number ?? sysId;
  const updated = snTimeMs(valueOf(record, 'sys_updated_on'));
  const created = snTimeMs(valueOf(record, 'sys_created_on'));
  const stateValue = valueOf(record, 'state');
  const status = stateName(stateValue, displayOf(record, 'state'));
  const statusId = scaled(STATUS_IDS, stateValue, status);
  const severity = scaled(SEVERITY_IDS, valueOf(record, 'severity'), displayOf(record, 'severity'));
  const priority = scaled(PRIORITY_IDS, valueOf(record, 'priority'), displayOf(record, 'priority'));
  const impact = scaled(IMPACT_IDS, valueOf(record, 'impact'), displayOf(record, 'impact'));
  const activity = activityOf(record);
  const assignee = referenceOf(record, 'assigned_to');
  const group = referenceOf(record, 'assignment_group');
  const ci = referenceOf(record, 'cmdb_ci');
  const ended = stateValue !== undefined && READ_ONLY_STATES.has(stateValue) ? (snTimeMs(valueOf(record, 'closed_at')) ?? snTimeMs(valueOf(record, 'resolved_at'))) : undefined;
  const correlation = valueOf(record, 'correlation_id');
  const category = displayOf(record, 'category');
  return compact({
    class_uid: 2005,
    category_uid: 2,
    ...activity,
    type_uid: 200_500 + activity.activity_id,
    severity_id: severity?.id ?? 0,
    severity: severity?.label,
    status_id: statusId?.id ?? 0,
    status,
    priority_id: priority?.id,
    priority: priority?.label,
    impact_id: impact?.id,
    impact: impact?.label,
    time: updated ?? created ?? meta.receivedAt.getTime(),
    start_time: snTimeMs(valueOf(record, 'opened_at')),
    end_time: ended,
    message: title,
    desc: valueOf(record, 'description'),
    status_detail: displayOf(record, 'close_code'),
    comment: valueOf(record, 'close_notes'),
    finding_info_list: [
      compact({
        uid: sysId,
        uid_alt: number,
        title,
        desc: valueOf(record, 'description'),
        types: category ? [category] : undefined,
        created_time: snTimeMs(valueOf(record, 'opened_at')) ?? created,
        modified_time: updated,
      }),
    ],
    assignee: assignee ?? (group ? undefined : { name: 'Unassigned', type_id: 0, type: 'Unknown' }),
    assignee_group: group,
    tickets: [compact({ uid: number ?? sysId, title, status, status_id: stateValue ? (TICKET_STATUS_IDS[stateValue] ?? 99) : undefined, type_id: 2 })],
    device: ci ? { ...ci, type_id: 0 } : undefined,
    // `device` belongs to OCSF's host profile.
    metadata: { ...metadataOf(record, sysId), ...(correlation ? { correlation_uid: correlation } : {}), ...(ci ? { profiles: ['host'] } : {}) },
    unmapped: unmappedOf(record, MAPPED),
  });
}
