import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import type { TenableAsset } from '../types.ts';
import { deviceType, nessusAgent, osOf } from './device.ts';
import { metadataOf } from './product.ts';
import { msOf } from './times.ts';
import { unmappedOf } from './unmapped.ts';

/** List fields whose first value fills an OCSF scalar; the whole list stays in `unmapped` when it holds more. */
const FIRST_OF = ['hostnames', 'fqdns', 'netbios_names', 'operating_systems', 'system_types', 'agent_names'] as const;

const MAPPED = [
  'id', 'created_at', 'updated_at', 'first_seen', 'last_seen', 'agent_uuid', 'bios_uuid', 'ipv4s', 'ipv6s', 'mac_addresses',
  'aws_ec2_instance_id', 'aws_region', 'aws_availability_zone', 'aws_subnet_id', 'aws_vpc_id', 'aws_ec2_instance_ami_id', 'azure_vm_id',
];

function first(list: readonly string[] | undefined): string | undefined {
  return list?.find((value) => typeof value === 'string' && value !== '');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function interfacesOf(asset: TenableAsset): Record<string, unknown>[] {
  const ips = [...(asset.ipv4s ?? []), ...(asset.ipv6s ?? [])].map((ip) => ({ ip }));
  return [...ips, ...(asset.mac_addresses ?? []).map((mac) => ({ mac }))];
}

function cloudOf(asset: TenableAsset): Record<string, unknown> {
  const ec2 = text(asset.aws_ec2_instance_id);
  const image = text(asset.aws_ec2_instance_ami_id);
  return {
    ...(ec2 ? { instance_uid: ec2 } : text(asset.azure_vm_id) ? { instance_uid: text(asset.azure_vm_id) } : {}),
    ...(text(asset.aws_region) ? { region: text(asset.aws_region) } : {}),
    ...(text(asset.aws_availability_zone) ? { zone: text(asset.aws_availability_zone) } : {}),
    ...(text(asset.aws_subnet_id) ? { subnet_uid: text(asset.aws_subnet_id) } : {}),
    ...(text(asset.aws_vpc_id) ? { vpc_uid: text(asset.aws_vpc_id) } : {}),
    ...(image ? { image: { uid: image, name: image } } : {}),
  };
}

/**
 * One asset of an asset export as OCSF Device Inventory Info (5001, activity Collect): the asset id,
 * names, addresses (every IP and MAC as a network interface), operating system, device type, agent,
 * cloud placement and first/last seen times in `device`. Lists with more than one name keep the whole
 * list under `unmapped`, as does everything else without an OCSF home (sources, tags, scan dates...).
 */
export function mapAsset(asset: TenableAsset, meta: MapMeta): OcsfRecord {
  const updated = msOf(asset.updated_at, 'updated_at');
  const created = msOf(asset.created_at, 'created_at');
  const interfaces = interfacesOf(asset);
  const hostname = first(asset.hostnames) ?? first(asset.fqdns);
  const os = osOf(first(asset.operating_systems));
  const agent = text(asset.agent_uuid);
  const firstSeen = msOf(asset.first_seen, 'first_seen');
  const lastSeen = msOf(asset.last_seen, 'last_seen');
  const type = deviceType(first(asset.system_types));
  const single = FIRST_OF.filter((field) => (asset[field] as readonly unknown[] | undefined)?.length === 1 && (field !== 'system_types' || type.kept));
  const unmapped = unmappedOf(asset, [...MAPPED, ...single]);
  return {
    class_uid: 5001,
    category_uid: 5,
    activity_id: 2,
    type_uid: 500_102,
    severity_id: 1,
    severity: 'Informational',
    time: updated ?? created ?? meta.receivedAt.getTime(),
    metadata: metadataOf(asset.id, asset.updated_at ? { original_time: asset.updated_at } : {}),
    device: {
      uid: asset.id,
      type_id: type.type_id,
      ...(type.type ? { type: type.type } : {}),
      ...(hostname ? { hostname } : {}),
      ...(first(asset.fqdns) && first(asset.fqdns) !== hostname ? { domain: first(asset.fqdns) } : {}),
      ...(first(asset.netbios_names) ? { name: first(asset.netbios_names) } : {}),
      ...(interfaces.length > 0 ? { network_interfaces: interfaces } : {}),
      ...(asset.ipv4s?.[0] ? { ip: asset.ipv4s[0] } : asset.ipv6s?.[0] ? { ip: asset.ipv6s[0] } : {}),
      ...(asset.mac_addresses?.[0] ? { mac: asset.mac_addresses[0] } : {}),
      ...(os ? { os } : {}),
      ...(text(asset.bios_uuid) ? { uid_alt: text(asset.bios_uuid) } : {}),
      ...(agent ? { agent_list: [nessusAgent(agent, first(asset.agent_names))] } : {}),
      ...(created !== undefined ? { created_time: created } : {}),
      ...(updated !== undefined ? { modified_time: updated } : {}),
      ...(firstSeen !== undefined ? { first_seen_time: firstSeen } : {}),
      ...(lastSeen !== undefined ? { last_seen_time: lastSeen } : {}),
      ...cloudOf(asset),
    },
    ...(unmapped ? { unmapped } : {}),
  };
}
