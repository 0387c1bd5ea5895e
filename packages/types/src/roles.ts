/** Roles, most to least powerful. platform-admin spans organisations; the rest act in their own. */
export const roles = ['platform-admin', 'admin', 'editor', 'viewer', 'auditor'] as const;
export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Roles that may change configuration inside their organisation. */
export const mutatingRoles: readonly Role[] = ['platform-admin', 'admin', 'editor'];
/** Roles that may administer tokens, users and keys. */
export const adminRoles: readonly Role[] = ['platform-admin', 'admin'];
