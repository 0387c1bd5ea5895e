import { defineStream } from '@patchbay/sdk';
import type { OktaConfig } from '../config.ts';
import { mapUser } from '../mappers/user.ts';
import type { OktaUser } from '../mappers/okta-types.ts';
import { inventoryCheckpoint, listInventory } from './inventory-listing.ts';

/** Every Okta user status (https://developer.okta.com/docs/api/openapi/okta-management/management/tag/User/#tag/User/operation/listUsers). */
export const USER_STATUSES = ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED', 'DEPROVISIONED'] as const;

/**
 * A plain GET /api/v1/users omits DEPROVISIONED users; a `filter` returns them. With include_deprovisioned
 * the listing filters on every status, so a deactivated user stays (disabled) rather than being marked deleted.
 */
export const ALL_STATUSES_FILTER = USER_STATUSES.map((status) => `status eq "${status}"`).join(' or ');

export const users = defineStream<OktaUser, typeof inventoryCheckpoint, OktaConfig>({
  name: 'users',
  title: 'Users',
  description: 'Every Okta user with its profile and status, each run; users deleted in Okta are marked deleted.',
  ocsf: { class: 'user_inventory', classUid: 5003 },
  primaryKey: 'id',
  checkpoint: inventoryCheckpoint,
  fullRefresh: true,
  permissions: ['okta.users.read'],
  schedule: { intervalMinutes: 60 },
  fetch: (ctx, checkpoint) =>
    listInventory<OktaUser>(
      ctx,
      {
        url: '/api/v1/users',
        query: { limit: ctx.config.page_size, ...(ctx.config.include_deprovisioned ? { filter: ALL_STATUSES_FILTER } : {}) },
        operation: 'list-users',
      },
      checkpoint,
    ),
  map: mapUser,
});
