import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { deviceTypeOf, macOf, osOf } from './device.ts';
import { compact, metadataOf, unmappedOf } from './product.ts';
import { epochOf, optionalEpoch } from './vendor-time.ts';

/**
 * A host of `POST /devices/entities/devices/v2`, as far as the mapper reads it; the rest is kept under
 * `unmapped` (https://developer.crowdstrike.com/api-reference/collections/hosts/, PostDeviceDetailsV2).
 */
export interface HostRecord {
  readonly device_id: string;
  readonly cid?: string;
  readonly hostname?: string;
  readonly local_ip?: string;
  readonly external_ip?: string;
  readonly connection_ip?: string;
  readonly mac_address?: string;
  readonly platform_name?: string;
  readonly os_version?: string;
  readonly os_build?: string;
  readonly kernel_version?: string;
  readonly agent_version?: string;
  readonly product_type_desc?: string;
  readonly machine_domain?: string;
  readonly system_manufacturer?: string;
  readonly system_product_name?: string;
  readonly serial_number?: string;
  readonly bios_manufacturer?: string;
  readonly bios_version?: string;
  readonly first_seen?: string;
  readonly last_seen?: string;
  readonly modified_timestamp?: string;
  readonly groups?: readonly string[];
  readonly [field: string]: unknown;
}

/**
 * Maps one Falcon host to an OCSF Device Inventory Info (5001, activity Collect): identity, addresses,
 * OS, hardware, sensor (agent), host groups, first/last seen. The time is the host record's
 * `modified_timestamp` (else `last_seen`), so an unchanged host maps the same on every run. Containment
 * `status`, tags, policies and the rest stay under `unmapped`.
 */
export function mapHost(host: HostRecord, meta: MapMeta): OcsfRecord {
  const {
    device_id, cid, hostname, local_ip, external_ip, connection_ip, mac_address, platform_name, os_version, os_build, kernel_version,
    agent_version, product_type_desc, machine_domain, system_manufacturer, system_product_name, serial_number, bios_manufacturer,
    bios_version, first_seen, last_seen, modified_timestamp, groups, ...rest
  } = host;
  const stamp = modified_timestamp ?? last_seen;
  const time = stamp === undefined ? meta.receivedAt.getTime() : epochOf(stamp, modified_timestamp === undefined ? 'last_seen' : 'modified_timestamp');
  const mac = macOf(mac_address);
  const interfaces = [
    ...(external_ip ? [{ ip: external_ip, type_id: 99, type: 'Public' }] : []),
    ...(connection_ip && connection_ip !== local_ip ? [{ ip: connection_ip, type_id: 99, type: 'Connection' }] : []),
  ];
  const device = compact({
    uid: device_id,
    hostname,
    name: hostname,
    ip: local_ip,
    mac,
    domain: machine_domain,
    os: osOf(platform_name, os_version, os_build),
    ...deviceTypeOf(product_type_desc),
    vendor_name: system_manufacturer,
    model: system_product_name,
    hw_info: compact({ serial_number, bios_manufacturer, bios_ver: bios_version }),
    first_seen_time: optionalEpoch(first_seen, 'first_seen'),
    last_seen_time: optionalEpoch(last_seen, 'last_seen'),
    modified_time: optionalEpoch(modified_timestamp, 'modified_timestamp'),
    groups: groups?.map((uid) => ({ uid })),
    agent_list: agent_version ? [{ uid: device_id, name: 'Falcon sensor', vendor_name: 'CrowdStrike', version: agent_version, type_id: 1, type: 'Endpoint Detection and Response' }] : undefined,
    network_interfaces: interfaces,
    is_managed: true,
  });
  const unmapped = unmappedOf({
    ...rest,
    ...(kernel_version !== undefined ? { kernel_version } : {}),
    ...(mac_address !== undefined && mac === undefined ? { mac_address } : {}),
  });
  return {
    class_uid: 5001,
    category_uid: 5,
    activity_id: 2,
    type_uid: 500_102,
    severity_id: 1,
    severity: 'Informational',
    time,
    metadata: { ...metadataOf(meta, 'Hosts', device_id, stamp), ...(cid ? { tenant_uid: cid } : {}) },
    device,
    ...(unmapped ? { unmapped } : {}),
  };
}
