import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { displayOf, snTimeMs, sysIdOf, valueOf, type TableRecord } from '../table-record.ts';
import { criticalityOf } from './criticality.ts';
import { compact, metadataOf, referenceOf, unmappedOf } from './metadata.ts';

const MAPPED = ['sys_id', 'name', 'sys_class_name', 'owned_by', 'support_group', 'sys_created_on', 'sys_updated_on', 'operational_status', 'service_classification', 'used_for'];

/**
 * A business service (cmdb_ci_service, or the configured table) as OCSF Cloud Resources Inventory Info
 * (5023, activity Collect): the service is the one entry of `resources`, with its business criticality as
 * ServiceNow shows it ("1 - most critical") in `criticality`, its owner, its support group, and its
 * classification, use and operational status as labels. Patchbay's criticality for it is added under
 * `unmapped.patchbay_criticality`, like configuration items; every other field stays under `unmapped`.
 */
export function mapBusinessService(record: TableRecord, meta: MapMeta): OcsfRecord {
  const sysId = sysIdOf(record);
  const updated = snTimeMs(valueOf(record, 'sys_updated_on'));
  const created = snTimeMs(valueOf(record, 'sys_created_on'));
  const criticality = criticalityOf(record);
  const labels = (
    [
      ['classification', displayOf(record, 'service_classification')],
      ['used_for', displayOf(record, 'used_for')],
      ['operational_status', displayOf(record, 'operational_status')],
    ] as const
  )
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}:${value}`);
  const group = referenceOf(record, 'support_group');
  return {
    class_uid: 5023,
    category_uid: 5,
    activity_id: 2,
    type_uid: 502_302,
    severity_id: 1,
    severity: 'Informational',
    time: updated ?? created ?? meta.receivedAt.getTime(),
    metadata: metadataOf(record, sysId),
    resources: [
      compact({
        uid: sysId,
        name: valueOf(record, 'name'),
        type: displayOf(record, 'sys_class_name') ?? 'Business Service',
        criticality: criticality?.vendor,
        owner: referenceOf(record, 'owned_by'),
        group,
        labels: labels.length > 0 ? labels : undefined,
        created_time: created,
        modified_time: updated,
      }),
    ],
    unmapped: { ...unmappedOf(record, MAPPED), ...(criticality?.criticality ? { patchbay_criticality: criticality.criticality } : {}) },
  };
}
