import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { compact, metadataOf } from './metadata.ts';
import { eventTime } from './okta-time.ts';
import type { OktaGroupMembership } from './okta-types.ts';
import { oktaUserObject, unmappedProfile } from './user-object.ts';

/** The record id of a membership: `<groupId>:<userId>`. */
export function membershipId(raw: OktaGroupMembership): string {
  return `${raw.group.id}:${raw.user.id}`;
}

/**
 * A member of a group as OCSF User Inventory Info (5003): the member in `user` (`user.uid` the Okta user
 * id, `user.name` the login, `user.email_addr`) with the group in `user.groups[0]` (`uid` the Okta group
 * id, `name`), so "which groups is user X in" is a filter on user.uid. `time` is the member's lastUpdated.
 */
export function mapGroupMembership(raw: OktaGroupMembership, meta: MapMeta): OcsfRecord {
  const { group, user } = raw;
  const { id: _id, profile: _profile, lastUpdated, ...userRest } = user;
  const { time, original } = eventTime(lastUpdated ?? user.created, meta.receivedAt);
  const { name: _name, ...groupProfileRest } = group.profile;
  return {
    class_uid: 5003,
    category_uid: 5,
    activity_id: 2,
    type_uid: 500302,
    severity_id: 1,
    severity: 'Informational',
    time,
    metadata: metadataOf(meta, membershipId(raw), compact({ original })),
    user: { ...oktaUserObject(user), groups: [compact({ uid: group.id, name: group.profile.name, type: group.type })] },
    unmapped: compact({
      group: Object.keys(groupProfileRest).length > 0 ? { profile: groupProfileRest } : undefined,
      user: compact({ ...userRest, lastUpdated, profile: unmappedProfile(user) }),
    }),
  };
}
