import { defineStream } from '@patchbay/sdk';
import type { DefenderConfig } from '../config.ts';
import { mapDevice } from '../mappers/device.ts';
import type { MdeMachine } from '../vendor.ts';
import { inventoryCheckpoint, readInventory } from './mde-inventory.ts';

/**
 * Devices onboarded to Defender for Endpoint (the Machine entity), read whole every run; devices that
 * left the listing (offboarded, or past the retention period) are marked deleted.
 * https://learn.microsoft.com/en-us/defender-endpoint/api/get-machines
 */
export const devices = defineStream<MdeMachine, typeof inventoryCheckpoint, DefenderConfig>({
  name: 'devices',
  title: 'Devices',
  description: 'Defender for Endpoint machines (GET /api/machines), full refresh with deletion detection.',
  ocsf: { class: 'inventory_info', classUid: 5001 },
  primaryKey: 'id',
  checkpoint: inventoryCheckpoint,
  fullRefresh: true,
  permissions: ['Machine.Read.All'],
  schedule: { intervalMinutes: 60 },
  fetch: (ctx, checkpoint) => readInventory<MdeMachine>(ctx, checkpoint, { path: '/api/machines', pageParam: '$top', operation: 'devices' }),
  map: mapDevice,
});
