import { defineStream } from '@patchbay/sdk';
import type { DefenderConfig } from '../config.ts';
import { mapVulnerability } from '../mappers/vulnerability.ts';
import type { MdeSoftwareVulnerability } from '../vendor.ts';
import { inventoryCheckpoint, readInventory } from './mde-inventory.ts';

/**
 * Software vulnerabilities per device (one row per device, software version and CVE) from the software
 * vulnerabilities assessment export (JSON response, paged with `pageSize` and `@odata.nextLink`), read
 * whole every run: a row that is gone was fixed (or the device left), and is marked deleted.
 * https://learn.microsoft.com/en-us/defender-endpoint/api/get-assessment-software-vulnerabilities
 */
export const vulnerabilities = defineStream<MdeSoftwareVulnerability, typeof inventoryCheckpoint, DefenderConfig>({
  name: 'vulnerabilities',
  title: 'Vulnerabilities',
  description: 'Defender Vulnerability Management: software vulnerabilities by device (GET /api/machines/SoftwareVulnerabilitiesByMachine), full refresh.',
  ocsf: { class: 'vulnerability_finding', classUid: 2002 },
  primaryKey: 'id',
  checkpoint: inventoryCheckpoint,
  fullRefresh: true,
  permissions: ['Vulnerability.Read.All'],
  schedule: { intervalMinutes: 360 },
  fetch: (ctx, checkpoint) => readInventory<MdeSoftwareVulnerability>(ctx, checkpoint, { path: '/api/machines/SoftwareVulnerabilitiesByMachine', pageParam: 'pageSize', operation: 'vulnerabilities' }),
  map: mapVulnerability,
});
