import type { MapMeta, OcsfRecord } from '@patchbay/sdk';
import { displayOf, snTimeMs, sysIdOf, valueOf, type TableRecord } from '../table-record.ts';
import { criticalityOf } from './criticality.ts';
import { deviceTypeOf } from './device-type.ts';
import { compact, metadataOf, referenceOf, unmappedOf } from './metadata.ts';

/** CI fields with an OCSF home (the rest, criticality included, stays under `unmapped`). */
const MAPPED = [
  'sys_id', 'name', 'host_name', 'fqdn', 'dns_domain', 'ip_address', 'mac_address', 'os', 'os_version', 'manufacturer', 'model_id',
  'serial_number', 'asset_tag', 'assigned_to', 'company', 'short_description', 'sys_created_on', 'sys_updated_on',
  'first_discovered', 'last_discovered',
];

function osOf(record: TableRecord): Record<string, unknown> | undefined {
  const name = displayOf(record, 'os');
  if (name === undefined) return undefined;
  const lower = name.toLowerCase();
  // OCSF os.type_id: 100 Windows, 200 Linux, 300 macOS, 400 iOS, 500 Android, 600 iPadOS... 99 Other.
  const typeId = lower.includes('windows') ? 100 : /linux|red hat|ubuntu|centos|suse|debian/.test(lower) ? 200 : /mac ?os|os x/.test(lower) ? 300 : 99;
  return compact({ name, type_id: typeId, version: displayOf(record, 'os_version') });
}

/**
 * A CMDB configuration item (cmdb_ci or the configured class table) as OCSF Device Inventory Info (5001,
 * activity Collect): sys_id, names, addresses, operating system, manufacturer and model, serial number,
 * asset tag as the alternate id, its class as the device type, the assigned user as owner, the company as
 * organisation, discovery times. The business criticality stays under `unmapped` as ServiceNow has it and
 * is added there as Patchbay's criticality (`unmapped.patchbay_criticality`: critical, high, medium, low),
 * which a mapping of `patchbay.criticality` reads (README "Asset criticality").
 */
export function mapConfigurationItem(record: TableRecord, meta: MapMeta): OcsfRecord {
  const sysId = sysIdOf(record);
  const updated = snTimeMs(valueOf(record, 'sys_updated_on'));
  const created = snTimeMs(valueOf(record, 'sys_created_on'));
  const hostname = valueOf(record, 'host_name') ?? valueOf(record, 'fqdn');
  const serial = valueOf(record, 'serial_number');
  const criticality = criticalityOf(record);
  const device = compact({
    uid: sysId,
    ...deviceTypeOf(record),
    name: valueOf(record, 'name'),
    hostname,
    domain: valueOf(record, 'dns_domain'),
    ip: valueOf(record, 'ip_address'),
    mac: valueOf(record, 'mac_address'),
    os: osOf(record),
    vendor_name: displayOf(record, 'manufacturer'),
    model: displayOf(record, 'model_id'),
    hw_info: serial ? { serial_number: serial } : undefined,
    uid_alt: valueOf(record, 'asset_tag'),
    owner: referenceOf(record, 'assigned_to'),
    org: referenceOf(record, 'company'),
    desc: valueOf(record, 'short_description'),
    created_time: created,
    modified_time: updated,
    first_seen_time: snTimeMs(valueOf(record, 'first_discovered')),
    last_seen_time: snTimeMs(valueOf(record, 'last_discovered')),
  });
  return {
    class_uid: 5001,
    category_uid: 5,
    activity_id: 2,
    type_uid: 500_102,
    severity_id: 1,
    severity: 'Informational',
    time: updated ?? created ?? meta.receivedAt.getTime(),
    metadata: metadataOf(record, sysId),
    device,
    unmapped: { ...unmappedOf(record, MAPPED), ...(criticality?.criticality ? { patchbay_criticality: criticality.criticality } : {}) },
  };
}
