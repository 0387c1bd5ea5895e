import { defineStream } from '@patchbay/sdk';
import type { OktaConfig } from '../config.ts';
import { mapGroup } from '../mappers/group.ts';
import type { OktaGroup } from '../mappers/okta-types.ts';
import { inventoryCheckpoint, listInventory } from './inventory-listing.ts';

/** GET /api/v1/groups: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Group/#tag/Group/operation/listGroups */
export const groups = defineStream<OktaGroup, typeof inventoryCheckpoint, OktaConfig>({
  name: 'groups',
  title: 'Groups',
  description: 'Every Okta group (Okta, app and built-in groups), each run; deleted groups are marked deleted.',
  ocsf: { class: 'admin_group_query', classUid: 5009 },
  primaryKey: 'id',
  checkpoint: inventoryCheckpoint,
  fullRefresh: true,
  permissions: ['okta.groups.read'],
  schedule: { intervalMinutes: 60 },
  fetch: (ctx, checkpoint) => listInventory<OktaGroup>(ctx, { url: '/api/v1/groups', query: { limit: ctx.config.page_size }, operation: 'list-groups' }, checkpoint),
  map: mapGroup,
});
