/**
 * Which OCSF class and activity each System Log eventType maps to (README "System Log event types").
 * Event types: https://developer.okta.com/docs/reference/api/event-types/
 */
export interface EventClass {
  readonly classUid: 3001 | 3002 | 3006 | 6003;
  readonly activityId: number;
  readonly activityName?: string;
}

/** Authentication (3002): 1 Logon, 2 Logoff, 7 Account Switch. */
const AUTHENTICATION: Readonly<Record<string, number>> = {
  'user.session.start': 1,
  'user.session.end': 2,
  'user.session.impersonation.initiate': 7,
  'user.session.impersonation.end': 2,
};

/** Account Change (3001): 1 Create, 2 Enable, 3 Password Change, 4 Password Reset, 5 Disable, 6 Delete, 7/8 Attach/Detach Policy, 9 Lock, 10/11 MFA Factor Enable/Disable, 12 Unlock. */
const ACCOUNT_CHANGE: Readonly<Record<string, number>> = {
  'user.lifecycle.create': 1,
  'user.lifecycle.activate': 2,
  'user.lifecycle.reactivate': 2,
  'user.lifecycle.unsuspend': 2,
  'user.account.update_password': 3,
  'user.account.reset_password': 4,
  'user.lifecycle.password_mass_expire': 4,
  'user.lifecycle.deactivate': 5,
  'user.lifecycle.suspend': 5,
  'user.lifecycle.delete.initiated': 6,
  'user.lifecycle.delete.completed': 6,
  'user.account.privilege.grant': 7,
  'user.account.privilege.revoke': 8,
  'user.account.lock': 9,
  'user.account.lock.limit': 9,
  'user.mfa.factor.activate': 10,
  'system.mfa.factor.activate': 10,
  'user.mfa.factor.deactivate': 11,
  'system.mfa.factor.deactivate': 11,
  'user.mfa.factor.reset_all': 11,
  'user.account.unlock': 12,
  'user.account.unlock_by_admin': 12,
};

/** Group Management (3006): 1/2 Assign/Revoke Privileges, 3 Add User, 4 Remove User, 5 Delete, 6 Create, 9 Update. */
const GROUP_MANAGEMENT: Readonly<Record<string, number>> = {
  'group.privilege.grant': 1,
  'group.privilege.revoke': 2,
  'group.user_membership.add': 3,
  'group.user_membership.remove': 4,
  'group.lifecycle.delete': 5,
  'group.lifecycle.create': 6,
  'group.profile.update': 9,
};

/** API Activity (6003) for every other event, by the eventType's last word: 1 Create, 2 Read, 3 Update, 4 Delete. */
const API_VERBS: Readonly<Record<string, number>> = {
  create: 1,
  add: 1,
  read: 2,
  show_password: 2,
  view: 2,
  export: 2,
  download: 2,
  update: 3,
  change: 3,
  modify: 3,
  activate: 3,
  deactivate: 3,
  grant: 3,
  revoke: 3,
  rotate: 3,
  enable: 3,
  disable: 3,
  config_change_detected: 3,
  delete: 4,
  remove: 4,
};

export function eventClassOf(eventType: string): EventClass {
  const auth = AUTHENTICATION[eventType] ?? (eventType.startsWith('user.authentication.') ? 1 : undefined);
  if (auth !== undefined) return { classUid: 3002, activityId: auth };
  const account = ACCOUNT_CHANGE[eventType];
  if (account !== undefined) return { classUid: 3001, activityId: account };
  const group = GROUP_MANAGEMENT[eventType];
  if (group !== undefined) return { classUid: 3006, activityId: group };
  const verb = API_VERBS[eventType.slice(eventType.lastIndexOf('.') + 1)];
  return verb !== undefined ? { classUid: 6003, activityId: verb } : { classUid: 6003, activityId: 99, activityName: eventType };
}
