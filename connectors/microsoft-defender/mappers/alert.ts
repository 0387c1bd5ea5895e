import { ocsfVersion } from '@patchbay/ocsf';
import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import type { GraphAlert } from '../vendor.ts';
import { mapEvidence } from './evidence.ts';
import { alertStatus, findingActivity, verdictOf } from './finding-status.ts';
import { graphSeverity } from './severity.ts';
import { epochMsOf, opt } from './times.ts';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** MITRE ATT&CK technique ids (`T1078`, `T1218.011`) as OCSF attacks. */
function attacksOf(techniques: unknown): Record<string, unknown>[] | undefined {
  if (!Array.isArray(techniques)) return undefined;
  const ids = techniques.filter((t): t is string => typeof t === 'string' && t !== '');
  return ids.length === 0 ? undefined : ids.map((uid) => ({ technique: { uid } }));
}

/**
 * A Graph security alert (alerts_v2, https://learn.microsoft.com/en-us/graph/api/resources/security-alert)
 * as an OCSF Detection Finding (2004): id, title, description, category, times, severity (Graph's scale),
 * status, classification as verdict, determination as status detail, MITRE techniques as attacks,
 * recommended actions as remediation, the evidence (users, IPs, devices, files, processes, URLs) as
 * evidences and the first device as `device`. Everything else is kept under `unmapped`.
 */
export function mapAlert(raw: GraphAlert, meta: MapMeta): OcsfRecord {
  const {
    id, title, description, category, severity, status, classification, determination, createdDateTime, lastUpdateDateTime,
    firstActivityDateTime, lastActivityDateTime, alertWebUrl, incidentId, tenantId, productName, serviceSource, detectionSource,
    detectorId, providerAlertId, recommendedActions, assignedTo, mitreTechniques, evidence, ...rest
  } = raw;
  const updated = epochMsOf(lastUpdateDateTime, 'lastUpdateDateTime') ?? meta.receivedAt.getTime();
  const activity = findingActivity(status, createdDateTime, lastUpdateDateTime);
  const mapped = (Array.isArray(evidence) ? evidence : []).map(mapEvidence);
  const evidences = mapped.flatMap((m) => (m.evidence ? [m.evidence] : []));
  const device = mapped.find((m) => m.device)?.device;
  const leftovers = mapped.map((m) => m.rest).filter((r) => Object.keys(r).length > 1);
  const dataSources = [text(serviceSource), text(detectionSource)].filter((s): s is string => s !== undefined);
  const attacks = attacksOf(mitreTechniques);
  const verdict = verdictOf(classification);
  // attacks belong to OCSF's security_control profile; assignee and verdict to its incident profile.
  const profiles = [...(attacks ? ['security_control'] : []), ...(text(assignedTo) || 'verdict_id' in verdict ? ['incident'] : [])];
  const unmapped = { ...rest, ...(leftovers.length > 0 ? { evidence: leftovers } : {}), ...(mitreTechniques !== undefined && !attacks ? { mitreTechniques } : {}) };
  return {
    class_uid: 2004,
    category_uid: 2,
    ...activity,
    type_uid: 200_400 + activity.activity_id,
    ...graphSeverity(severity),
    ...alertStatus(status),
    ...verdict,
    ...opt('status_detail', text(determination)),
    time: updated,
    ...opt('message', text(title)),
    is_alert: true,
    ...opt('start_time', epochMsOf(firstActivityDateTime, 'firstActivityDateTime')),
    ...opt('end_time', epochMsOf(lastActivityDateTime, 'lastActivityDateTime')),
    finding_info: {
      uid: id,
      ...opt('uid_alt', text(providerAlertId)),
      title: text(title) ?? id,
      ...opt('desc', text(description)),
      ...(text(category) ? { types: [category] } : {}),
      ...opt('created_time', epochMsOf(createdDateTime, 'createdDateTime')),
      ...opt('first_seen_time', epochMsOf(firstActivityDateTime, 'firstActivityDateTime')),
      ...opt('last_seen_time', epochMsOf(lastActivityDateTime, 'lastActivityDateTime')),
      modified_time: updated,
      ...opt('src_url', text(alertWebUrl)),
      ...(dataSources.length > 0 ? { data_sources: dataSources } : {}),
      ...(text(detectorId) ? { analytic: { uid: detectorId, type_id: 0, type: 'Unknown' } } : {}),
    },
    ...(attacks ? { attacks } : {}),
    ...(text(recommendedActions) ? { remediation: { desc: recommendedActions } } : {}),
    ...(text(assignedTo) ? { assignee: { name: assignedTo } } : {}),
    ...(evidences.length > 0 ? { evidences } : {}),
    ...(device ? { device } : {}),
    metadata: {
      version: ocsfVersion,
      ...(profiles.length > 0 ? { profiles } : {}),
      uid: id,
      product: { name: text(productName) ?? 'Microsoft Defender XDR', vendor_name: 'Microsoft' },
      ...opt('tenant_uid', text(tenantId)),
      ...opt('correlation_uid', text(incidentId)),
      ...opt('original_time', text(lastUpdateDateTime)),
    },
    ...(Object.keys(unmapped).length > 0 ? { unmapped } : {}),
  };
}
