import { defineStream } from '@patchbay/sdk';
import type { ServiceNowConfig } from '../config.ts';
import { mapBusinessService } from '../mappers/business-service.ts';
import { sysIdOf, type TableRecord } from '../table-record.ts';
import { inventoryCheckpoint, listInventory } from './inventory-listing.ts';

/** Business services (GET /api/now/table/cmdb_ci_service, or the configured table), every run in full, deletions detected. */
export const businessServices = defineStream<TableRecord, typeof inventoryCheckpoint, ServiceNowConfig>({
  name: 'business-services',
  title: 'Business services',
  description: 'Business services from the CMDB with their business criticality, owner and support group; removed services are marked deleted.',
  ocsf: { class: 'cloud_resources_inventory_info', classUid: 5023 },
  primaryKey: sysIdOf,
  checkpoint: inventoryCheckpoint,
  fullRefresh: true,
  permissions: ['cmdb_read'],
  schedule: { intervalMinutes: 240 },
  fetch: (ctx, checkpoint) =>
    listInventory(ctx, { table: ctx.config.service_table, conditions: ctx.config.service_query ? [ctx.config.service_query] : [], operation: 'list-business-services' }, checkpoint),
  map: mapBusinessService,
});
