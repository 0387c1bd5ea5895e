import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import { mapApplication } from './application.ts';
import { mapGroup } from './group.ts';
import { mapGroupMembership, membershipId } from './group-membership.ts';
import type { OktaApplication, OktaGroup, OktaUser } from './okta-types.ts';
import { fixtureBody, meta } from './test-support.ts';
import { mapUser } from './user.ts';

const valid = (record: Record<string, unknown>) => expect(validateRecord(record, { warnings: false })).toEqual({ valid: true, warnings: [] });

describe('directory mappers on the hand-written fixtures', () => {
  const [active, locked] = fixtureBody<OktaUser[]>('users-first-page.json');
  const [deprovisioned] = fixtureBody<OktaUser[]>('users-last-page.json');
  const [group, everyone] = fixtureBody<OktaGroup[]>('groups-page.json');

  it('maps users to User Inventory Info with the account state, and keeps the rest under unmapped', () => {
    const record = mapUser(active!, meta('users'));
    valid(record);
    expect(record).toMatchObject({
      class_uid: 5003,
      activity_id: 2,
      time: Date.parse('2026-04-29T16:02:11.000Z'),
      metadata: { uid: '00ub0oNGTSWTBKOLGLNR', modified_time: Date.parse('2026-04-29T16:02:11.000Z') },
      user: { uid: '00ub0oNGTSWTBKOLGLNR', name: 'isaac.brock@example.com', email_addr: 'isaac.brock@example.com', full_name: 'Isaac Brock', phone_number: '555-415-1337', account: { is_disabled: false, is_locked: false } },
      unmapped: { status: 'ACTIVE', lastLogin: '2026-04-30T07:12:44.000Z', profile: { department: 'Security', employeeNumber: '1042' }, credentials: { provider: { type: 'OKTA' } } },
    });
    expect(mapUser(locked!, meta('users'))).toMatchObject({ user: { account: { is_locked: true, is_disabled: false } } });
    expect(mapUser(deprovisioned!, meta('users'))).toMatchObject({ user: { account: { is_disabled: true } }, unmapped: { status: 'DEPROVISIONED' } });
  });

  it('maps groups to Admin Group Query records carrying the group', () => {
    const record = mapGroup(group!, meta('groups'));
    valid(record);
    expect(record).toMatchObject({ class_uid: 5009, activity_id: 1, query_result_id: 1, group: { uid: '00g1emaKYZTWRYYRRTSK', name: 'Security Engineers', desc: 'People who hold production credentials', type: 'OKTA_GROUP' }, unmapped: { lastMembershipUpdated: '2026-04-28T09:30:00.000Z' } });
    valid(mapGroup(everyone!, meta('groups')));
  });

  it('maps a membership to User Inventory Info: the member in user, the group in user.groups, id <groupId>:<userId>', () => {
    const [member] = fixtureBody<OktaUser[]>('group-members-page.json');
    const raw = { group: { id: group!.id, type: group!.type!, profile: group!.profile }, user: member! };
    expect(membershipId(raw)).toBe('00g1emaKYZTWRYYRRTSK:00ub0oNGTSWTBKOLGLNR');
    const record = mapGroupMembership(raw, meta('group-memberships'));
    valid(record);
    expect(record).toMatchObject({
      class_uid: 5003,
      metadata: { uid: '00g1emaKYZTWRYYRRTSK:00ub0oNGTSWTBKOLGLNR' },
      user: { uid: '00ub0oNGTSWTBKOLGLNR', name: 'isaac.brock@example.com', email_addr: 'isaac.brock@example.com', groups: [{ uid: '00g1emaKYZTWRYYRRTSK', name: 'Security Engineers', type: 'OKTA_GROUP' }] },
      unmapped: { group: { profile: { description: 'People who hold production credentials' } }, user: { status: 'ACTIVE' } },
    });
  });

  it('maps apps to Cloud Resources Inventory Info with the app as the resource', () => {
    const [app] = fixtureBody<OktaApplication[]>('apps-page.json');
    const record = mapApplication(app!, meta('applications'));
    valid(record);
    expect(record).toMatchObject({ class_uid: 5023, resources: [{ uid: '0oa1gjh63g214q0Hq0g4', name: 'Partner org', type: 'okta_org2org', labels: ['status:ACTIVE', 'signOnMode:SAML_2_0'] }], unmapped: { settings: { app: { baseUrl: 'https://partner.okta.com' } }, features: ['PUSH_NEW_USERS'] } });
  });
});
