import type { OktaUser } from './okta-types.ts';
import { compact } from './metadata.ts';

/** Okta user statuses that mean the account cannot sign in (deactivated or suspended). */
const DISABLED = new Set(['SUSPENDED', 'DEPROVISIONED']);

/** The profile fields with an OCSF home; the rest of the profile stays under `unmapped.profile`. */
export const MAPPED_PROFILE = ['login', 'email', 'firstName', 'lastName', 'displayName', 'mobilePhone', 'organization', 'userType'] as const;

/**
 * The OCSF `user` of an Okta user: `uid` the Okta user id, `name` the login, `email_addr` the primary
 * email, the Okta account with its disabled/locked state from `status`.
 */
export function oktaUserObject(user: OktaUser) {
  const p = user.profile;
  const fullName = [p.firstName, p.lastName].filter((part) => typeof part === 'string' && part !== '').join(' ');
  return compact({
    uid: user.id,
    name: p.login,
    email_addr: p.email ?? undefined,
    full_name: fullName || undefined,
    display_name: typeof p.displayName === 'string' ? p.displayName : undefined,
    phone_number: typeof p.mobilePhone === 'string' ? p.mobilePhone : undefined,
    org: typeof p.organization === 'string' ? { name: p.organization } : undefined,
    type_id: 1,
    type: 'User',
    account: { uid: user.id, name: p.login, type_id: 99, type: 'Okta', is_disabled: DISABLED.has(user.status), is_locked: user.status === 'LOCKED_OUT' },
  });
}

/** The user's profile without the fields `oktaUserObject` mapped. */
export function unmappedProfile(user: OktaUser): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...user.profile };
  for (const key of MAPPED_PROFILE) if (key !== 'userType') delete rest[key];
  return rest;
}
