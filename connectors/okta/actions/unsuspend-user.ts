import { defineAction } from '@patchbay/sdk';
import type { OktaConfig } from '../config.ts';
import { lifecycleOutput, lifecycleRequest, moveUser, userInput } from './user-lifecycle.ts';

/** POST /api/v1/users/{id}/lifecycle/unsuspend: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/UserLifecycle/#tag/UserLifecycle/operation/unsuspendUser */
export const unsuspendUser = defineAction<typeof userInput, typeof lifecycleOutput, OktaConfig>({
  name: 'unsuspend-user',
  title: 'Unsuspend user',
  description: 'Returns a SUSPENDED Okta user to ACTIVE, so they can sign in again. Undoes suspend-user.',
  input: userInput,
  output: lifecycleOutput,
  readOnly: false,
  reverse: 'suspend-user',
  impact: 'high',
  category: 'contain',
  permissions: ['okta.users.manage'],
  run: (ctx, input) => moveUser(ctx, input, 'unsuspend', 'ACTIVE'),
  plan: (_ctx, input) => [{ method: 'GET', url: `/api/v1/users/${encodeURIComponent(input.user_id)}`, operation: 'get-user' }, lifecycleRequest(input.user_id, 'unsuspend')],
});
