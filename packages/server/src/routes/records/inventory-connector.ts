import { z } from 'zod';
import { defineConnector, defineStream } from '@patchbay/sdk';

/** Test-only: a device inventory (OCSF 5001) over an in-memory list, full refresh, one page. */
export interface Device {
  id: string;
  hostname: string;
  seen: number;
}

export function inventoryConnector(devices: { items: Device[] }) {
  return defineConnector({
    id: 'memory-inventory',
    name: 'Memory Inventory',
    vendor: 'Patchbay tests',
    category: 'other',
    version: '2.0.0',
    description: 'In-memory device inventory for API tests',
    features: ['tests'],
    icon: '🖥️',
    docsUrl: 'https://example.invalid/inventory',
    auth: [],
    config: z.object({}),
    capabilities: ['ingest'],
    allowedHosts: ['inventory.invalid'],
    minPlatformVersion: '0.1.0',
    streams: [
      defineStream({
        name: 'devices',
        ocsf: { class: 'inventory_info', classUid: 5001 },
        primaryKey: 'id',
        checkpoint: z.object({ done: z.boolean() }),
        fullRefresh: true,
        permissions: [],
        async *fetch() {
          yield { records: devices.items, checkpoint: { done: true } };
        },
        map: (d: Device) => ({
          class_uid: 5001,
          category_uid: 5,
          type_uid: 500101,
          activity_id: 1,
          severity_id: 1,
          time: d.seen,
          metadata: { version: '1.9.0-dev', product: { name: 'Inventory', vendor_name: 'Patchbay tests' } },
          device: { uid: d.id, hostname: d.hostname, type_id: 1 },
        }),
      }),
    ],
  });
}
