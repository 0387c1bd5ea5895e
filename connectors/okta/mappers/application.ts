import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { compact, metadataOf } from './metadata.ts';
import { epochMs, eventTime } from './okta-time.ts';
import type { OktaApplication } from './okta-types.ts';

/**
 * An Okta app integration as OCSF Cloud Resources Inventory Info (5023, activity Collect): the app is the
 * one entry of `resources` (uid, label as name, the app's catalog name as type, status and sign-on mode
 * as labels), Okta as the `idp`. Settings, credentials, links and the rest stay under `unmapped`.
 */
export function mapApplication(raw: OktaApplication, meta: MapMeta): OcsfRecord {
  const { id, name, label, status, signOnMode, created, lastUpdated, ...rest } = raw;
  const { time, original } = eventTime(lastUpdated ?? created, meta.receivedAt);
  const labels = [status ? `status:${status}` : undefined, signOnMode ? `signOnMode:${signOnMode}` : undefined].filter((l): l is string => l !== undefined);
  return {
    class_uid: 5023,
    category_uid: 5,
    activity_id: 2,
    type_uid: 502302,
    severity_id: 1,
    severity: 'Informational',
    time,
    metadata: metadataOf(meta, id, compact({ original, modified: epochMs(lastUpdated) })),
    idp: { name: 'Okta' },
    resources: [compact({ uid: id, name: label ?? name, type: name, labels: labels.length > 0 ? labels : undefined, created_time: epochMs(created), modified_time: epochMs(lastUpdated) })],
    unmapped: compact({ ...rest, status, signOnMode, created, lastUpdated }),
  };
}
