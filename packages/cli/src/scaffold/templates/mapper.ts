import type { ScaffoldNames } from '../scaffold-names.ts';

export function mapperFile(n: ScaffoldNames): string {
  return `import { ocsfVersion } from '@patchbay/ocsf';
import type { MapMeta, OcsfRecord } from '@patchbay/sdk';

/** One of the ${n.stream} GET /v1/${n.stream} lists. */
export interface ${n.recordType} {
  readonly id: string;
  readonly title: string;
  readonly severity: 'low' | 'medium' | 'high' | 'critical';
  readonly status: 'new' | 'in_progress' | 'resolved';
  readonly created_at: string;
  readonly updated_at: string;
  readonly hostname: string | null;
  /** Fields this mapper does not know yet: they go to \`unmapped\`. */
  readonly [field: string]: unknown;
}

/** The vendor's severity scale (low to critical) on OCSF severity_id. */
const SEVERITY = { low: [2, 'Low'], medium: [3, 'Medium'], high: [4, 'High'], critical: [5, 'Critical'] } as const;
/** The vendor's workflow states on OCSF status_id. */
const STATUS = { new: [1, 'New'], in_progress: [2, 'In Progress'], resolved: [4, 'Resolved'] } as const;

const DETECTION_FINDING = 2004;
const FINDINGS_CATEGORY = 2;
const ACTIVITY_CREATE = 1;
const DEVICE_UNKNOWN_TYPE = 0;

/** One ${n.record} as an OCSF Detection Finding; every field it does not map is kept under \`unmapped\`. Pure. */
export function ${n.mapFunction}(raw: ${n.recordType}, meta: MapMeta): OcsfRecord {
  const { id, title, severity, status, created_at: createdAt, updated_at: updatedAt, hostname, ...rest } = raw;
  const [severityId, severityName] = SEVERITY[severity] ?? [99, String(severity)];
  const [statusId, statusName] = STATUS[status] ?? [99, String(status)];
  return {
    class_uid: DETECTION_FINDING,
    category_uid: FINDINGS_CATEGORY,
    activity_id: ACTIVITY_CREATE,
    type_uid: DETECTION_FINDING * 100 + ACTIVITY_CREATE,
    severity_id: severityId,
    severity: severityName,
    status_id: statusId,
    status: statusName,
    time: Date.parse(updatedAt),
    message: title,
    finding_info: { uid: id, title, created_time: Date.parse(createdAt), modified_time: Date.parse(updatedAt) },
    metadata: { version: ocsfVersion, uid: id, product: { name: meta.connector.name, vendor_name: meta.connector.vendor } },
    ...(hostname === null ? {} : { device: { hostname, type_id: DEVICE_UNKNOWN_TYPE } }),
    unmapped: rest,
  };
}
`;
}
