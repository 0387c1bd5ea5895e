import { ocsfVersion } from '@patchbay/ocsf';
import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import type { GraphIncident } from '../vendor.ts';
import { findingActivity, incidentStatus, verdictOf } from './finding-status.ts';
import { graphSeverity } from './severity.ts';
import { epochMsOf, opt } from './times.ts';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * A Graph security incident (https://learn.microsoft.com/en-us/graph/api/resources/security-incident) as
 * an OCSF Incident Finding (2005): the incident itself as its finding, status (active is New, redirected is
 * Other), severity on Graph's scale, classification as verdict, determination as status detail, the
 * assignee and the portal link. Everything else (comments, custom tags, redirect target...) is kept under
 * `unmapped`.
 */
export function mapIncident(raw: GraphIncident, meta: MapMeta): OcsfRecord {
  const {
    id, displayName, description, severity, status, classification, determination, createdDateTime, lastUpdateDateTime,
    incidentWebUrl, tenantId, assignedTo, ...rest
  } = raw;
  const updated = epochMsOf(lastUpdateDateTime, 'lastUpdateDateTime') ?? meta.receivedAt.getTime();
  const activity = findingActivity(status, createdDateTime, lastUpdateDateTime);
  return {
    class_uid: 2005,
    category_uid: 2,
    ...activity,
    type_uid: 200_500 + activity.activity_id,
    ...graphSeverity(severity),
    ...incidentStatus(status),
    ...verdictOf(classification),
    ...opt('status_detail', text(determination)),
    time: updated,
    ...opt('message', text(displayName)),
    ...opt('desc', text(description)),
    ...opt('src_url', text(incidentWebUrl)),
    finding_info_list: [
      {
        uid: id,
        title: text(displayName) ?? id,
        ...opt('desc', text(description)),
        ...opt('created_time', epochMsOf(createdDateTime, 'createdDateTime')),
        modified_time: updated,
        ...opt('src_url', text(incidentWebUrl)),
      },
    ],
    // OCSF requires an assignee (or group) on an incident finding: an unassigned incident (assignedTo null) is assigned to "Unassigned", of unknown type.
    assignee: text(assignedTo) ? { name: assignedTo } : { name: 'Unassigned', type_id: 0, type: 'Unknown' },
    metadata: {
      version: ocsfVersion,
      uid: id,
      product: { name: 'Microsoft Defender XDR', vendor_name: 'Microsoft' },
      ...opt('tenant_uid', text(tenantId)),
      ...opt('original_time', text(lastUpdateDateTime)),
    },
    ...(Object.keys(rest).length > 0 ? { unmapped: rest } : {}),
  };
}
