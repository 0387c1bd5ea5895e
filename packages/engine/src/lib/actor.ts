import type { Role } from '@patchbay/types';

/** Who is acting, and in which organisation: every service call takes one, every audit row records it. */
export interface Actor {
  readonly type: 'user' | 'system';
  readonly organizationId: string;
  readonly role: Role;
  readonly userId?: string;
  readonly tokenId?: string;
  /** A readable name for audit rows: an email, a token prefix, `system:scheduler`. */
  readonly label: string;
  readonly requestId?: string;
  readonly sourceIp?: string;
}

export function systemActor(organizationId: string, label = 'system'): Actor {
  return { type: 'system', organizationId, role: 'admin', label: `system:${label}` };
}
