import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { compact, metadataOf } from './metadata.ts';
import { epochMs, eventTime } from './okta-time.ts';
import type { OktaGroup } from './okta-types.ts';

/**
 * An Okta group as OCSF Admin Group Query (5009, activity Query, result Exists). OCSF 1.9 has no group
 * inventory class and User Inventory Info requires a user, so the class that carries a `group` and that
 * the hub's /api/identities serves is used (README "OCSF classes"). Members come from the
 * group-memberships stream; everything without a home stays under `unmapped`.
 */
export function mapGroup(raw: OktaGroup, meta: MapMeta): OcsfRecord {
  const { id, type, profile, lastUpdated, ...rest } = raw;
  const { name, description, ...profileRest } = profile;
  const { time, original } = eventTime(lastUpdated ?? raw.lastMembershipUpdated, meta.receivedAt);
  return {
    class_uid: 5009,
    category_uid: 5,
    activity_id: 1,
    type_uid: 500901,
    severity_id: 1,
    severity: 'Informational',
    query_result_id: 1,
    query_result: 'Exists',
    time,
    metadata: metadataOf(meta, id, compact({ original, modified: epochMs(lastUpdated) })),
    group: compact({ uid: id, name, desc: description ?? undefined, type }),
    unmapped: compact({ ...rest, lastUpdated, profile: Object.keys(profileRest).length > 0 ? profileRest : undefined }),
  };
}
