import { ocsfVersion } from '@patchbay/ocsf';
import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { mapEvidence } from './evidence.ts';
import { remediationFor } from './remediation.ts';
import { mapResource } from './resources.ts';
import { severityOf } from './severity.ts';
import { zonedTime } from './time.ts';
import type { GuardDutyFinding, Json } from './types.ts';
import { text, unmappedOf } from './unmapped.ts';

/** OCSF Detection Finding activities: 1 Create, 2 Update, 3 Close. Status: 1 New, 5 Archived. */
function activityOf(finding: GuardDutyFinding, archived: boolean): { activity_id: number; type_uid: number; status_id: number; status: string } {
  const status = archived ? { status_id: 5, status: 'Archived' } : { status_id: 1, status: 'New' };
  const activity = archived ? 3 : finding.createdAt !== undefined && finding.createdAt !== finding.updatedAt ? 2 : 1;
  return { activity_id: activity, type_uid: 200_400 + activity, ...status };
}

function ifDefined<T>(name: string, value: T | undefined): Record<string, T> {
  return value === undefined ? {} : { [name]: value };
}

/**
 * Maps one GuardDuty finding to an OCSF Detection Finding (2004): the finding id and ARN, type, title
 * and description in `finding_info`; severity on GuardDuty's documented scale; creation, update and
 * first/last-seen times; the account and Region in `cloud`; the affected resource in `resources` (and
 * the instance as `device`); the activity (`service.action`) as an evidence with its endpoints and
 * caller; archived findings as status Archived, activity Close. Everything else stays under `unmapped`.
 */
export function mapFinding(finding: GuardDutyFinding, meta: MapMeta): OcsfRecord {
  const service = (finding.service ?? {}) as Json;
  const archived = service.archived === true;
  const updated = zonedTime(finding.updatedAt);
  const created = zonedTime(finding.createdAt);
  const firstSeen = zonedTime(service.eventFirstSeen);
  const lastSeen = zonedTime(service.eventLastSeen);
  const count = typeof service.count === 'number' && Number.isInteger(service.count) ? service.count : undefined;
  const resource = mapResource(finding);
  const evidence = mapEvidence(finding, resource.user);
  const used = ['id', 'arn', 'type', 'title', 'description', 'accountId', 'region', 'partition', 'service.archived', ...resource.used, ...evidence.used];
  if (updated !== undefined) used.push('updatedAt');
  if (created !== undefined) used.push('createdAt');
  if (firstSeen !== undefined) used.push('service.eventFirstSeen');
  if (lastSeen !== undefined) used.push('service.eventLastSeen');
  if (count !== undefined) used.push('service.count');
  if (text(service.featureName)) used.push('service.featureName');
  const severity = severityOf(finding.severity);
  if (severity.severity_id === 99) used.push('severity');
  const unmapped = unmappedOf(finding, used);
  const type = text(finding.type);
  return {
    class_uid: 2004,
    category_uid: 2,
    ...activityOf(finding, archived),
    ...severity,
    time: updated ?? meta.receivedAt.getTime(),
    ...ifDefined('start_time', firstSeen),
    ...ifDefined('end_time', lastSeen),
    ...ifDefined('count', count),
    ...ifDefined('message', text(finding.title)),
    finding_info: {
      uid: finding.id,
      title: text(finding.title) ?? type ?? finding.id,
      ...ifDefined('uid_alt', text(finding.arn)),
      ...ifDefined('desc', text(finding.description)),
      ...(type ? { types: [type] } : {}),
      ...ifDefined('created_time', created),
      ...ifDefined('modified_time', updated),
      ...ifDefined('first_seen_time', firstSeen),
      ...ifDefined('last_seen_time', lastSeen),
    },
    metadata: {
      version: ocsfVersion,
      profiles: ['cloud'],
      uid: finding.id,
      original_time: finding.updatedAt,
      product: { name: 'Amazon GuardDuty', vendor_name: 'AWS', ...(text(service.featureName) ? { feature: { name: service.featureName } } : {}) },
      ...ifDefined('tenant_uid', text(finding.accountId)),
    },
    cloud: {
      provider: 'AWS',
      ...ifDefined('region', text(finding.region)),
      ...ifDefined('cloud_partition', text(finding.partition)),
      ...(text(finding.accountId) ? { account: { uid: finding.accountId, type_id: 10 } } : {}),
    },
    ...(resource.resources.length > 0 ? { resources: resource.resources } : {}),
    ...(resource.device ? { device: resource.device } : {}),
    ...(evidence.evidences.length > 0 ? { evidences: evidence.evidences } : {}),
    ...ifDefined('remediation', remediationFor(finding)),
    ...(unmapped ? { unmapped } : {}),
  };
}
