import { defineAction, type PlannedRequest } from '@patchbay/sdk';
import { z } from 'zod';
import type { OktaConfig } from '../config.ts';
import { userPath } from './user-lifecycle.ts';

const input = z.object({
  user_id: z.string().min(1).max(200).describe('The Okta user id (00u...) or the user\'s login'),
  revoke_oauth_tokens: z.boolean().default(true).describe('Also revoke the OpenID Connect and OAuth access and refresh tokens Okta issued to the user'),
});
const output = z.object({ user_id: z.string(), sessions_cleared: z.literal(true), oauth_tokens_revoked: z.boolean() });

function clearRequest(id: string, revoke: boolean): PlannedRequest {
  return { method: 'DELETE', url: `${userPath(id)}/sessions`, query: { oauthTokens: revoke }, operation: 'clear-user-sessions' };
}

/**
 * DELETE /api/v1/users/{userId}/sessions (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserSessions/#tag/UserSessions/operation/revokeUserSessions):
 * ends every Okta session of the user, and with oauthTokens=true revokes their tokens. Safe to repeat
 * (a user without sessions answers 204 too), so it is retried like a read. Nothing to undo: no reverse.
 */
export const clearUserSessions = defineAction<typeof input, typeof output, OktaConfig>({
  name: 'clear-user-sessions',
  title: 'Clear user sessions',
  description: 'Signs a user out everywhere: ends their Okta sessions and, by default, revokes their OAuth tokens. They must sign in again.',
  input,
  output,
  readOnly: false,
  impact: 'low',
  category: 'contain',
  permissions: ['okta.users.manage'],
  run: async (ctx, args) => {
    await ctx.http.request(clearRequest(args.user_id, args.revoke_oauth_tokens));
    return { user_id: args.user_id, sessions_cleared: true as const, oauth_tokens_revoked: args.revoke_oauth_tokens };
  },
  plan: (_ctx, args) => [clearRequest(args.user_id, args.revoke_oauth_tokens)],
});
