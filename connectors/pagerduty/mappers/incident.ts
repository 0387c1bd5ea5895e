import { ocsfVersion } from '@patchbay/ocsf';
import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { statusChangedAt, type PagerDutyIncident, type PagerDutyReference } from './incident-types.ts';
import { priorityOf, severityOf, statusOf } from './scales.ts';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Epoch milliseconds of a PagerDuty ISO 8601 time (always with a zone); undefined when absent or unreadable. */
function epochMs(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const opt = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

function userOf(ref: PagerDutyReference): Record<string, unknown> {
  return { uid: ref.id, ...opt('name', text(ref.summary)), type_id: 1, type: 'User' };
}

/**
 * A PagerDuty incident as an OCSF Incident Finding (2005). The incident is its own finding (id, number,
 * title, link, created and last-status-change times); status on OCSF's scale with PagerDuty's own name
 * in `status_code` (what the ticket engine reads back); urgency as severity and the priority name as
 * priority (mappers/scales.ts); the first assignee as `assignee` and the escalation policy as
 * `assignee_group`. The dedup key, service, teams, the priority reference (its account-defined name),
 * further assignees, acknowledgements and everything else PagerDuty sends are kept under `unmapped`.
 */
export function mapIncident(raw: PagerDutyIncident, meta: MapMeta): OcsfRecord {
  const {
    id, html_url: htmlUrl, incident_number: number, title, description, created_at: createdAt, status, assignments, escalation_policy: policy,
    urgency, resolved_at: resolvedAt, ...rest
  } = raw;
  const changed = statusChangedAt(raw);
  const time = epochMs(changed) ?? meta.receivedAt.getTime();
  const created = epochMs(createdAt);
  const activity = status === 'resolved' ? 3 : created !== undefined && created === time ? 1 : 2;
  const [first, ...others] = assignments ?? [];
  const name = text(title) ?? text(raw.summary) ?? id;
  const ended = status === 'resolved' ? epochMs(resolvedAt) : undefined;
  const unmapped = { ...rest, ...(others.length > 0 ? { assignments: others } : {}), ...(resolvedAt !== undefined && ended === undefined ? { resolved_at: resolvedAt } : {}) };
  return {
    class_uid: 2005,
    category_uid: 2,
    activity_id: activity,
    type_uid: 200_500 + activity,
    ...severityOf(urgency),
    ...statusOf(String(status)),
    status_code: String(status),
    ...(priorityOf(raw.priority?.summary) ?? {}),
    time,
    message: name,
    ...opt('desc', text(description)),
    ...opt('src_url', text(htmlUrl)),
    ...opt('start_time', created),
    ...opt('end_time', ended),
    finding_info_list: [
      {
        uid: id,
        title: name,
        ...opt('uid_alt', typeof number === 'number' ? String(number) : undefined),
        ...opt('desc', text(description)),
        ...opt('created_time', created),
        modified_time: time,
        ...opt('src_url', text(htmlUrl)),
      },
    ],
    ...(first ? { assignee: userOf(first.assignee) } : {}),
    // OCSF wants an assignee or a group: every PagerDuty incident has an escalation policy (the group that is paged).
    ...(policy ? { assignee_group: { uid: policy.id, ...opt('name', text(policy.summary)), type: 'Escalation Policy' } } : first ? {} : { assignee: { name: 'Unassigned', type_id: 0, type: 'Unknown' } }),
    metadata: { version: ocsfVersion, uid: id, product: { name: 'PagerDuty', vendor_name: 'PagerDuty' }, original_time: changed },
    ...(Object.keys(unmapped).length > 0 ? { unmapped } : {}),
  };
}
