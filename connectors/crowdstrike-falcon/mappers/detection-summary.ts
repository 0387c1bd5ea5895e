import type { AlertRecord } from './alert-record.ts';

/**
 * An `EppDetectionSummaryEvent` of the Event Streams API (the same detection the Alerts API serves, in
 * PascalCase: https://developer.crowdstrike.com/api-reference/collections/event-streams/). The connector
 * has no stream for it yet; the adapter lets the alert mapper (and its tests) read these real payloads.
 */
export interface DetectionSummaryEvent {
  readonly event: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Event field → Alerts API field, where the two APIs name the same thing differently. */
const RENAMES: Readonly<Record<string, string>> = {
  CompositeId: 'composite_id',
  Description: 'description',
  FalconHostLink: 'falcon_host_link',
  FileName: 'filename',
  FilePath: 'filepath',
  CommandLine: 'cmdline',
  MD5String: 'md5',
  SHA1String: 'sha1',
  SHA256String: 'sha256',
  Name: 'name',
  Objective: 'objective',
  Tactic: 'tactic',
  Technique: 'technique',
  Severity: 'severity',
  SeverityName: 'severity_name',
  UserName: 'user_name',
  ProcessId: 'process_id',
  PatternDispositionDescription: 'pattern_disposition_description',
  PatternDispositionValue: 'pattern_disposition',
};
const PARENT: Readonly<Record<string, string>> = { ParentProcessId: 'process_id', ParentCommandLine: 'cmdline', ParentImageFileName: 'filename' };
const GRANDPARENT: Readonly<Record<string, string>> = { GrandParentCommandLine: 'cmdline', GrandParentImageFilename: 'filename', GrandParentImageFileName: 'filename' };
const DEVICE: Readonly<Record<string, string>> = { LocalIP: 'local_ip', MACAddress: 'mac_address', Hostname: 'hostname', AgentIdString: 'device_id', SensorId: 'device_id' };

const snake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function pick(event: Readonly<Record<string, unknown>>, names: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [from, to] of Object.entries(names)) if (event[from] !== undefined) out[to] = event[from];
  return out;
}

/**
 * The Alerts API shape of a detection summary event. `eventCreationTime` becomes `updated_timestamp` when
 * it is epoch milliseconds (as Event Streams sends it); a text time without a zone is kept as received,
 * under `event_creation_time`, rather than guessed into UTC. Fields with no Alerts API name keep theirs.
 */
export function alertFromDetectionSummary(summary: DetectionSummaryEvent): AlertRecord {
  const { event, metadata } = summary;
  const known = new Set([...Object.keys(RENAMES), ...Object.keys(PARENT), ...Object.keys(GRANDPARENT), ...Object.keys(DEVICE), 'PatternDispositionFlags']);
  const others = Object.fromEntries(Object.entries(event).filter(([key]) => !known.has(key)));
  const flags = event.PatternDispositionFlags;
  const { customerIDString, eventCreationTime, eventType, ...restMeta } = metadata;
  const created = typeof eventCreationTime === 'number' ? new Date(eventCreationTime).toISOString() : undefined;
  const parent = pick(event, PARENT);
  const grandparent = pick(event, GRANDPARENT);
  const device = pick(event, DEVICE);
  return {
    ...others,
    ...pick(event, RENAMES),
    composite_id: String(event.CompositeId ?? ''),
    ...(created ? { updated_timestamp: created, created_timestamp: created } : {}),
    ...(created === undefined && eventCreationTime !== undefined ? { event_creation_time: eventCreationTime } : {}),
    ...(customerIDString !== undefined ? { cid: String(customerIDString) } : {}),
    ...(eventType !== undefined ? { event_type: eventType } : {}),
    ...(Object.keys(restMeta).length > 0 ? { event_metadata: restMeta } : {}),
    ...(Object.keys(parent).length > 0 ? { parent_details: parent } : {}),
    ...(Object.keys(grandparent).length > 0 ? { grandparent_details: grandparent } : {}),
    ...(Object.keys(device).length > 0 ? { device } : {}),
    ...(flags && typeof flags === 'object' ? { pattern_disposition_details: Object.fromEntries(Object.entries(flags).map(([k, v]) => [snake(k), v])) } : {}),
  } as AlertRecord;
}
