import { ocsfVersion } from '@patchbay/ocsf';
import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { zonedTime } from './time.ts';
import type { GuardDutyDetector } from './types.ts';
import { text, unmappedOf } from './unmapped.ts';

/**
 * Maps one GuardDuty detector to OCSF Cloud Resources Inventory Info (5023, activity Log): a detector
 * is a cloud resource (AWS::GuardDuty::Detector), not a device or a user, and 5023 is the inventory
 * class OCSF intends for such resources. The detector's settings (status, publishing frequency,
 * features, data sources) are kept whole in `resources[0].data`; its tags become labels.
 */
export function mapDetector(detector: GuardDutyDetector, meta: MapMeta): OcsfRecord {
  const created = zonedTime(detector.createdAt);
  const updated = zonedTime(detector.updatedAt);
  const { detectorId, region, tags, createdAt: _created, updatedAt: _updated, ...settings } = detector;
  const labels = tags ? Object.entries(tags).map(([key, value]) => `${key}=${value}`) : undefined;
  const used = ['detectorId', 'region', 'tags', ...Object.keys(settings)];
  if (created !== undefined) used.push('createdAt');
  if (updated !== undefined) used.push('updatedAt');
  const unmapped = unmappedOf(detector, used);
  return {
    class_uid: 5023,
    category_uid: 5,
    activity_id: 1,
    type_uid: 502_301,
    severity_id: 1,
    severity: 'Informational',
    time: updated ?? created ?? meta.receivedAt.getTime(),
    ...(text(detector.status) ? { status: detector.status } : {}),
    metadata: { version: ocsfVersion, profiles: ['cloud'], uid: `${region}/${detectorId}`, product: { name: 'Amazon GuardDuty', vendor_name: 'AWS' } },
    cloud: { provider: 'AWS', region },
    region,
    resources: [
      {
        type: 'AWS::GuardDuty::Detector',
        uid: detectorId,
        name: detectorId,
        region,
        ...(created !== undefined ? { created_time: created } : {}),
        ...(updated !== undefined ? { modified_time: updated } : {}),
        ...(labels && labels.length > 0 ? { labels } : {}),
        data: settings,
      },
    ],
    ...(unmapped ? { unmapped } : {}),
  };
}
