import { defineStream } from '@patchbay/sdk';
import type { ServiceNowConfig } from '../config.ts';
import { mapConfigurationItem } from '../mappers/configuration-item.ts';
import { sysIdOf, type TableRecord } from '../table-record.ts';
import { inventoryCheckpoint, listInventory } from './inventory-listing.ts';

/**
 * The CMDB's configuration items (GET /api/now/table/cmdb_ci, or the configured class table such as
 * cmdb_ci_server, with the `ci_query` filter), every run in full: CIs deleted in ServiceNow (or no longer
 * matching the filter) are marked deleted.
 */
export const configurationItems = defineStream<TableRecord, typeof inventoryCheckpoint, ServiceNowConfig>({
  name: 'configuration-items',
  title: 'Configuration items',
  description: 'CMDB configuration items as device inventory, with their business criticality; CIs removed from the CMDB are marked deleted.',
  ocsf: { class: 'inventory_info', classUid: 5001 },
  primaryKey: sysIdOf,
  checkpoint: inventoryCheckpoint,
  fullRefresh: true,
  permissions: ['cmdb_read'],
  schedule: { intervalMinutes: 240 },
  fetch: (ctx, checkpoint) =>
    listInventory(ctx, { table: ctx.config.ci_table, conditions: ctx.config.ci_query ? [ctx.config.ci_query] : [], operation: 'list-configuration-items' }, checkpoint),
  map: mapConfigurationItem,
});
