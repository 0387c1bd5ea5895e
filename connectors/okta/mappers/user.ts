import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { compact, metadataOf } from './metadata.ts';
import { epochMs, eventTime } from './okta-time.ts';
import type { OktaUser } from './okta-types.ts';
import { oktaUserObject, unmappedProfile } from './user-object.ts';

/**
 * An Okta user as OCSF User Inventory Info (5003, activity Collect): `user` from the profile, `time` its
 * lastUpdated, the lifecycle times and everything else (status, credentials, type, links, the rest of the
 * profile) under `unmapped`.
 */
export function mapUser(raw: OktaUser, meta: MapMeta): OcsfRecord {
  const { id, profile: _profile, lastUpdated, ...rest } = raw;
  const { time, original } = eventTime(lastUpdated ?? raw.created, meta.receivedAt);
  const modified = epochMs(lastUpdated);
  return {
    class_uid: 5003,
    category_uid: 5,
    activity_id: 2,
    type_uid: 500302,
    severity_id: 1,
    severity: 'Informational',
    time,
    metadata: metadataOf(meta, id, compact({ original, modified })),
    user: oktaUserObject(raw),
    unmapped: compact({ ...rest, ...(lastUpdated === undefined ? {} : { lastUpdated }), profile: unmappedProfile(raw) }),
  };
}
