import { isIP } from 'node:net';
import { ocsfVersion } from '@patchbay/ocsf';
import { toEpochMs, type MapMeta, type OcsfRecord } from '@patchbay/sdk';
import type { NotableEvent } from './notable-event.types.ts';
import { findingStatus, severityOf, verdictOf } from './notable-status.ts';

export type { NotableEvent } from './notable-event.types.ts';

/** A single value of a field the REST API may return as a list (multivalue): the first non-empty one. */
function first(value: string | readonly string[] | undefined): string | undefined {
  const found = Array.isArray(value) ? value.find((v) => typeof v === 'string' && v.trim() !== '') : value;
  return typeof found === 'string' && found.trim() !== '' ? found.trim() : undefined;
}

function list(value: string | readonly string[] | undefined): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

/** An OCSF endpoint for a host name or an address. */
function endpoint(value: string): Record<string, string> {
  return isIP(value) ? { ip: value } : { hostname: value };
}

/** Drops undefined and empty values, so optional OCSF attributes stay absent. */
function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)));
}

/** MITRE ATT&CK technique ids of `annotations.mitre_attack` (T1059, T1059.001) as OCSF attacks. */
function attacksOf(annotations: string | readonly string[] | undefined): Record<string, unknown>[] {
  return list(annotations)
    .filter((id) => /^T\d{4}(\.\d{3})?$/.test(id))
    .map((id) => (id.includes('.') ? { sub_technique: { uid: id }, technique: { uid: id.split('.')[0] } } : { technique: { uid: id } }));
}

/**
 * Maps one Enterprise Security notable event to an OCSF Detection Finding (2004): the notable's event_id
 * and time; severity from its urgency (informational 1 … critical 5); status, owner and disposition from
 * Incident Review (Incident profile: assignee, verdict); the correlation search as the analytic, the rule
 * title and description, the security domain as the finding type, MITRE technique annotations; the
 * destination as the device and src, dest and user as evidence. Every other field stays under `unmapped`.
 */
export function mapNotableEvent(raw: NotableEvent, meta: MapMeta): OcsfRecord {
  const {
    _time, event_id, rule_name, rule_title, rule_description, search_name, security_domain, urgency, status, status_label,
    owner, owner_realname, disposition_label, src, dest, user, src_user, 'annotations.mitre_attack': mitre, ...rest
  } = raw;
  const time = toEpochMs(_time, '_time');
  const lifecycle = findingStatus(status, status_label);
  const activityId = lifecycle?.activity_id ?? 1;
  const assignee = owner && owner.trim() !== '' && owner.trim().toLowerCase() !== 'unassigned' ? compact({ name: owner.trim(), full_name: owner_realname }) : undefined;
  const verdict = verdictOf(disposition_label);
  const destination = first(dest);
  const evidence = compact({
    src_endpoint: first(src) ? endpoint(first(src)!) : undefined,
    dst_endpoint: destination ? endpoint(destination) : undefined,
    user: first(user) ? { name: first(user) } : undefined,
    actor: first(src_user) ? { user: { name: first(src_user) } } : undefined,
  });
  const attacks = attacksOf(mitre);
  const title = rule_title ?? rule_name ?? search_name ?? event_id;
  const profiles = assignee || verdict ? ['incident'] : [];
  // Later values of multivalue fields, and the severity the correlation search gave (urgency is the mapped one).
  const extra = compact({
    ...(list(src).length > 1 ? { src } : {}),
    ...(list(dest).length > 1 ? { dest } : {}),
    ...(list(user).length > 1 ? { user } : {}),
    ...(list(src_user).length > 1 ? { src_user } : {}),
    ...(mitre !== undefined && attacks.length !== list(mitre).length ? { 'annotations.mitre_attack': mitre } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(assignee ? {} : { owner, owner_realname }),
    ...(disposition_label !== undefined && verdict?.verdict_id === 99 ? {} : disposition_label !== undefined ? { disposition_label } : {}),
  });
  const unmapped = { ...rest, ...extra };
  return {
    class_uid: 2004,
    category_uid: 2,
    activity_id: activityId,
    type_uid: 200_400 + activityId,
    ...severityOf(urgency),
    time,
    message: rule_description ?? title,
    ...(lifecycle ? { status_id: lifecycle.status_id, status: lifecycle.status, ...(lifecycle.status_detail ? { status_detail: lifecycle.status_detail } : {}) } : {}),
    is_alert: activityId !== 3,
    metadata: compact({
      version: ocsfVersion,
      product: { name: 'Splunk Enterprise Security', vendor_name: 'Splunk', feature: { name: 'Incident Review' } },
      uid: event_id,
      original_time: _time,
      log_provider: meta.connector.id,
      profiles,
    }),
    finding_info: compact({
      uid: event_id,
      title,
      desc: rule_description,
      created_time: time,
      analytic: rule_name || search_name ? compact({ name: rule_name ?? search_name, uid: search_name, type_id: 1, type: 'Rule' }) : undefined,
      types: security_domain ? [security_domain] : undefined,
      attacks,
    }),
    ...(destination ? { device: { ...endpoint(destination), type_id: 0, type: 'Unknown' } } : {}),
    ...(Object.keys(evidence).length > 0 ? { evidences: [evidence] } : {}),
    ...(assignee ? { assignee } : {}),
    ...(verdict ? verdict : {}),
    ...(Object.keys(unmapped).length > 0 ? { unmapped } : {}),
  };
}
