import type { ConnectorContext, PlannedRequest } from '@patchbay/sdk';
import { z } from 'zod';
import type { OktaConfig } from '../config.ts';
import type { OktaUser } from '../mappers/okta-types.ts';

/** Actions take the Okta user id (00u...) or the login; Okta's user paths accept both. */
export const userInput = z.object({
  user_id: z.string().min(1).max(200).describe('The Okta user id (00u...) or the user\'s login'),
});
export type UserInput = z.output<typeof userInput>;

export const lifecycleOutput = z.object({
  user_id: z.string().describe('The Okta user id'),
  status: z.string().describe('The user\'s Okta status after the action'),
  changed: z.boolean().describe('false when the user was already in that state and nothing was sent'),
});

export const userPath = (id: string) => `/api/v1/users/${encodeURIComponent(id)}`;

/** GET /api/v1/users/{id}: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/#tag/User/operation/getUser */
export async function readUser(ctx: ConnectorContext<OktaConfig>, id: string): Promise<OktaUser> {
  return (await ctx.http.get<OktaUser>(userPath(id), { operation: 'get-user' })).body;
}

/** The lifecycle request (POST /api/v1/users/{id}/lifecycle/{operation}), sent once: Okta refuses a repeat. */
export function lifecycleRequest(id: string, operation: 'suspend' | 'unsuspend'): PlannedRequest {
  return { method: 'POST', url: `${userPath(id)}/lifecycle/${operation}`, retry: false, operation: `${operation}-user` };
}

/**
 * Moves a user to `target` with one lifecycle operation, unless it is already there (idempotent: a second
 * run changes nothing). Okta's refusals (404 E0000007 unknown user, 400 E0000001 wrong status, 403) surface
 * as the HTTP client's errors.
 */
export async function moveUser(ctx: ConnectorContext<OktaConfig>, input: UserInput, operation: 'suspend' | 'unsuspend', target: string) {
  const user = await readUser(ctx, input.user_id);
  if (user.status === target) return { user_id: user.id, status: user.status, changed: false };
  await ctx.http.request(lifecycleRequest(user.id, operation));
  return { user_id: user.id, status: target, changed: true };
}
