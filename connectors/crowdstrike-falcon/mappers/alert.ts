import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import type { AlertRecord } from './alert-record.ts';
import { dispositionOf, processEvidence } from './alert-evidence.ts';
import { deviceTypeOf, macOf, osOf } from './device.ts';
import { compact, metadataOf, unmappedOf } from './product.ts';
import { alertSeverity } from './severity.ts';
import { epochOf, optionalEpoch } from './vendor-time.ts';

export type { AlertRecord } from './alert-record.ts';

/** OCSF finding status by alert `status` (new, in_progress, reopened, closed). */
const STATUS: Readonly<Record<string, { status_id: number; status: string }>> = {
  new: { status_id: 1, status: 'New' },
  reopened: { status_id: 1, status: 'New' },
  in_progress: { status_id: 2, status: 'In Progress' },
  closed: { status_id: 4, status: 'Resolved' },
};

function deviceOf(device: AlertRecord['device']): { device?: Record<string, unknown>; rest?: Record<string, unknown> } {
  if (!device) return {};
  const { device_id, hostname, local_ip, external_ip, mac_address, platform_name, os_version, machine_domain, product_type_desc, ...rest } = device;
  const mapped = compact({
    uid: device_id,
    hostname,
    name: hostname,
    ip: local_ip,
    mac: macOf(mac_address),
    domain: machine_domain,
    os: osOf(platform_name, os_version),
    ...deviceTypeOf(product_type_desc),
    network_interfaces: external_ip ? [{ ip: external_ip, type_id: 99, type: 'Public' }] : undefined,
  });
  // A MAC address OCSF cannot take (not six octets) stays under unmapped rather than being dropped.
  const keep = mac_address && !macOf(mac_address) ? { ...rest, mac_address } : rest;
  return { device: mapped, rest: unmappedOf(keep) };
}

/**
 * Maps one Falcon alert (Alerts API v2) to an OCSF Detection Finding (2004). Activity: Close for a closed
 * alert, Update once it changed after creation, else Create. Severity follows Falcon's 0-100 bands
 * (severity.ts). Device, user, process and file go to their OCSF homes; the rest stays under `unmapped`.
 */
export function mapAlert(alert: AlertRecord, meta: MapMeta): OcsfRecord {
  const {
    composite_id, updated_timestamp, id, aggregate_id, cid, created_timestamp, timestamp, name, display_name, description,
    severity, severity_name, confidence, status, type, pattern_id, tactic, tactic_id, technique, technique_id,
    falcon_host_link, device, user_name, user_id, user_principal, pattern_disposition_details, assigned_to_name, assigned_to_uid,
    assigned_to_uuid, ...others
  } = alert;
  // The process fields are read by processEvidence, which returns what it could not place.
  const { filename: _f, filepath: _p, cmdline: _c, sha256: _s2, sha1: _s1, md5: _m, process_id: _pi, local_process_id: _l, parent_details: _pd, ...rest } = others;
  // The Alerts API always sends updated_timestamp; an adapted event without a zoned time takes the time of receipt.
  const modified = updated_timestamp === undefined ? meta.receivedAt.getTime() : epochOf(updated_timestamp, 'updated_timestamp');
  const created = optionalEpoch(created_timestamp, 'created_timestamp');
  const activity_id = status === 'closed' ? 3 : created !== undefined && updated_timestamp !== undefined && created !== modified ? 2 : 1;
  const mappedDevice = deviceOf(device);
  const evidence = processEvidence(alert);
  const statusOf = status === undefined ? undefined : (STATUS[status] ?? { status_id: 99, status });
  const sev = alertSeverity(severity);
  const attack = compact({ tactic: tactic || tactic_id ? compact({ name: tactic, uid: tactic_id }) : undefined, technique: technique || technique_id ? compact({ name: technique, uid: technique_id }) : undefined });
  const unmapped = unmappedOf({
    ...rest,
    // The 0-100 score has no OCSF home (severity_id is its band); the vendor's band name is kept when it differs.
    ...(severity !== undefined ? { severity } : {}),
    ...(severity_name !== undefined && severity_name !== sev.severity ? { severity_name } : {}),
    ...(mappedDevice.rest ? { device: mappedDevice.rest } : {}),
    ...evidence.rest,
    ...(pattern_disposition_details !== undefined ? { pattern_disposition_details } : {}),
    ...(user_principal !== undefined ? { user_principal } : {}),
  });
  const actor = user_name || user_id ? { user: compact({ name: user_name, uid: user_id, email_addr: user_principal?.includes('@') ? user_principal : undefined }) } : undefined;
  const assignee = assigned_to_name || assigned_to_uuid || assigned_to_uid ? compact({ name: assigned_to_name, uid: assigned_to_uuid, uid_alt: assigned_to_uid }) : undefined;
  const disposition = dispositionOf(pattern_disposition_details);
  // OCSF puts these attributes in profiles, which a record lists in metadata.profiles.
  const profiles = [disposition ? 'security_control' : '', actor ? 'host' : '', assignee ? 'incident' : ''].filter(Boolean);
  return {
    class_uid: 2004,
    category_uid: 2,
    activity_id,
    type_uid: 200_400 + activity_id,
    ...sev,
    time: modified,
    ...(description ? { message: description } : {}),
    ...(confidence !== undefined && Number.isInteger(confidence) && confidence >= 0 && confidence <= 100 ? { confidence_score: confidence } : {}),
    ...(statusOf ?? {}),
    ...(disposition ?? {}),
    is_alert: true,
    metadata: {
      ...metadataOf(meta, 'Alerts', composite_id, updated_timestamp, modified),
      ...(aggregate_id ? { correlation_uid: aggregate_id } : {}),
      ...(cid ? { tenant_uid: cid } : {}),
      ...(profiles.length > 0 ? { profiles } : {}),
    },
    finding_info: compact({
      uid: composite_id,
      uid_alt: id,
      title: display_name ?? name ?? composite_id,
      desc: description,
      created_time: created,
      modified_time: modified,
      first_seen_time: optionalEpoch(timestamp, 'timestamp'),
      src_url: falcon_host_link,
      types: type ? [type] : undefined,
      analytic: name || pattern_id !== undefined ? compact({ name, uid: pattern_id === undefined ? undefined : String(pattern_id), type_id: 1, type: 'Rule' }) : undefined,
      attacks: Object.keys(attack).length > 0 ? [attack] : undefined,
    }),
    ...(mappedDevice.device ? { device: mappedDevice.device } : {}),
    ...(actor ? { actor } : {}),
    ...(evidence.evidences ? { evidences: evidence.evidences } : {}),
    ...(assignee ? { assignee } : {}),
    ...(unmapped ? { unmapped } : {}),
  };
}
