import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import type { TenableScan } from '../types.ts';
import { metadataOf } from './product.ts';
import { msOfSeconds } from './times.ts';
import { unmappedOf } from './unmapped.ts';

/**
 * The status of a scan's latest run (https://developer.tenable.com/docs/scan-status-tio) as an OCSF Scan
 * Activity: activity (Started 1, Completed 2, Cancelled 3, Error 6, Paused 7, Resumed 8) and status
 * (Success 1, Failure 2). `empty` (never run) and `imported` have no activity: Other (99).
 */
const STATUS: Readonly<Record<string, { activity_id: number; status_id?: number }>> = {
  completed: { activity_id: 2, status_id: 1 },
  canceled: { activity_id: 3, status_id: 2 },
  cancelled: { activity_id: 3, status_id: 2 },
  aborted: { activity_id: 6, status_id: 2 },
  paused: { activity_id: 7 },
  pausing: { activity_id: 7 },
  resuming: { activity_id: 8 },
  running: { activity_id: 1 },
  pending: { activity_id: 1 },
  initializing: { activity_id: 1 },
  processing: { activity_id: 1 },
  publishing: { activity_id: 1 },
  stopping: { activity_id: 3 },
  stopped: { activity_id: 3, status_id: 2 },
};

const MAPPED = ['id', 'uuid', 'schedule_uuid', 'name', 'status', 'last_modification_date'];

/**
 * One scan of GET /scans as OCSF Scan Activity (6007): the scan (schedule UUID, name, scheduled or
 * manual) and the state of its latest run, at its last modification. OCSF has no inventory class for
 * scan configurations; the activity of the latest run is what a scan entry reports. The owner,
 * permissions, folder, schedule details and the rest stay under `unmapped`.
 */
export function mapScan(scan: TenableScan, meta: MapMeta): OcsfRecord {
  const status = String(scan.status ?? '');
  const known = STATUS[status.toLowerCase()];
  const activityId = known?.activity_id ?? 99;
  const time = msOfSeconds(scan.last_modification_date) ?? msOfSeconds(scan.creation_date) ?? meta.receivedAt.getTime();
  const scheduled = typeof scan.rrules === 'string' && scan.rrules !== '';
  const unmapped = unmappedOf(scan, MAPPED);
  return {
    class_uid: 6007,
    category_uid: 6,
    activity_id: activityId,
    type_uid: 600_700 + activityId,
    ...(activityId === 99 ? { activity_name: status || 'unknown' } : {}),
    severity_id: 1,
    severity: 'Informational',
    time,
    status: status || 'unknown',
    status_id: known?.status_id ?? (known ? 0 : 99),
    metadata: metadataOf(String(scan.id)),
    scan: {
      uid: scan.schedule_uuid ?? String(scan.id),
      uid_numeric: scan.id,
      name: scan.name,
      type_id: scheduled ? 2 : 1,
      type: scheduled ? 'Scheduled' : 'Manual',
    },
    ...(scan.schedule_uuid ? { schedule_uid: scan.schedule_uuid } : {}),
    ...(scan.uuid ? { command_uid: scan.uuid } : {}),
    ...(unmapped ? { unmapped } : {}),
  };
}
