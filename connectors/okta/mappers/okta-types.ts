/**
 * The Okta objects the streams read, as the management API returns them (only the fields the mappers
 * use are typed; everything else is kept under `unmapped`). Reference:
 * https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/
 */
export interface OktaUser {
  readonly id: string;
  readonly status: string;
  readonly created?: string | null;
  readonly lastUpdated?: string | null;
  readonly profile: { readonly login: string; readonly email?: string | null; readonly firstName?: string | null; readonly lastName?: string | null; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Group/ */
export interface OktaGroup {
  readonly id: string;
  readonly type?: string;
  readonly lastUpdated?: string | null;
  readonly lastMembershipUpdated?: string | null;
  readonly profile: { readonly name: string; readonly description?: string | null; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Application/ */
export interface OktaApplication {
  readonly id: string;
  readonly name?: string;
  readonly label?: string;
  readonly status?: string;
  readonly signOnMode?: string;
  readonly created?: string | null;
  readonly lastUpdated?: string | null;
  readonly [key: string]: unknown;
}

/**
 * One row of the group-memberships stream: a member of a group as GET /api/v1/groups/{groupId}/users
 * returns it, with the group it was listed under (id, type and profile as the group listing returned them).
 */
export interface OktaGroupMembership {
  readonly group: Pick<OktaGroup, 'id' | 'type' | 'profile'>;
  readonly user: OktaUser;
}

/** https://developer.okta.com/docs/reference/api/system-log/#logevent-object */
export interface OktaLogEvent {
  readonly uuid: string;
  readonly published: string;
  readonly eventType: string;
  readonly [key: string]: unknown;
}
