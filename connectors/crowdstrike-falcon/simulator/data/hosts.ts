import type { HostRecord } from '../../mappers/host.ts';
import { hexId, SIMULATED_CID, type RecordKind } from './collection.ts';

const PLATFORMS = [
  { platform_name: 'Windows', os_version: 'Windows 11', product_type_desc: 'Workstation' },
  { platform_name: 'Windows', os_version: 'Windows Server 2022', product_type_desc: 'Server' },
  { platform_name: 'Linux', os_version: 'Ubuntu 24.04', product_type_desc: 'Server' },
  { platform_name: 'Mac', os_version: 'Sonoma (14)', product_type_desc: 'Workstation' },
] as const;

/**
 * Simulated hosts in the PostDeviceDetailsV2 shape (hand-written from the documented fields:
 * https://developer.crowdstrike.com/api-reference/collections/hosts/). An update is a new sensor version
 * and a fresh modified_timestamp.
 */
export const hostKind: RecordKind<HostRecord> = {
  make(n, at, revision, previous) {
    const platform = PLATFORMS[n % PLATFORMS.length]!;
    return {
      ...previous,
      device_id: hexId('d', n),
      cid: SIMULATED_CID,
      hostname: `host-${String(n).padStart(4, '0')}`,
      local_ip: `10.1.${Math.floor(n / 250)}.${(n % 250) + 1}`,
      external_ip: `198.51.100.${(n % 250) + 1}`,
      connection_ip: `10.1.${Math.floor(n / 250)}.${(n % 250) + 1}`,
      mac_address: `00-50-56-00-${(Math.floor(n / 256) % 256).toString(16).padStart(2, '0')}-${(n % 256).toString(16).padStart(2, '0')}`,
      ...platform,
      agent_version: `7.${13 + revision}.${18000 + n}.0`,
      machine_domain: 'corp.example',
      system_manufacturer: 'VMware, Inc.',
      system_product_name: 'VMware7,1',
      serial_number: `VMW-${n}`,
      first_seen: previous?.first_seen ?? at,
      last_seen: at,
      modified_timestamp: at,
      status: previous?.status ?? 'normal',
      groups: [hexId('9', (n % 3) + 1)],
      tags: [`SensorGroupingTags/site-${n % 2 === 0 ? 'ams' : 'nyc'}`],
      device_policies: { prevention: { policy_type: 'prevention', policy_id: hexId('e', 1), applied: true } },
    };
  },
  key: (host) => host.device_id,
  time: (host) => host.modified_timestamp!,
};
