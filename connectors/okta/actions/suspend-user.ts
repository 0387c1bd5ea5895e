import { defineAction } from '@patchbay/sdk';
import type { OktaConfig } from '../config.ts';
import { lifecycleOutput, lifecycleRequest, moveUser, userInput } from './user-lifecycle.ts';

/** POST /api/v1/users/{id}/lifecycle/suspend: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserLifecycle/#tag/UserLifecycle/operation/suspendUser */
export const suspendUser = defineAction<typeof userInput, typeof lifecycleOutput, OktaConfig>({
  name: 'suspend-user',
  title: 'Suspend user',
  description: 'Suspends an ACTIVE Okta user: they can no longer sign in, their profile and memberships stay. Undo with unsuspend-user.',
  input: userInput,
  output: lifecycleOutput,
  readOnly: false,
  reverse: 'unsuspend-user',
  impact: 'high',
  category: 'contain',
  permissions: ['okta.users.manage'],
  run: (ctx, input) => moveUser(ctx, input, 'suspend', 'SUSPENDED'),
  plan: (_ctx, input) => [{ method: 'GET', url: `/api/v1/users/${encodeURIComponent(input.user_id)}`, operation: 'get-user' }, lifecycleRequest(input.user_id, 'suspend')],
});
