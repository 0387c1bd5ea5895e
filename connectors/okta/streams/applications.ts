import { defineStream } from '@patchbay/sdk';
import type { OktaConfig } from '../config.ts';
import { mapApplication } from '../mappers/application.ts';
import type { OktaApplication } from '../mappers/okta-types.ts';
import { inventoryCheckpoint, listInventory } from './inventory-listing.ts';

/** GET /api/v1/apps: https://developer.okta.com/docs/api/openapi/okta-management/management/tag/Application/#tag/Application/operation/listApplications */
export const applications = defineStream<OktaApplication, typeof inventoryCheckpoint, OktaConfig>({
  name: 'applications',
  title: 'Applications',
  description: 'Every app integration of the org (active and inactive), each run; deleted apps are marked deleted.',
  ocsf: { class: 'cloud_resources_inventory_info', classUid: 5023 },
  primaryKey: 'id',
  checkpoint: inventoryCheckpoint,
  fullRefresh: true,
  permissions: ['okta.apps.read'],
  schedule: { intervalMinutes: 360 },
  fetch: (ctx, checkpoint) => listInventory<OktaApplication>(ctx, { url: '/api/v1/apps', query: { limit: ctx.config.page_size }, operation: 'list-applications' }, checkpoint),
  map: mapApplication,
});
