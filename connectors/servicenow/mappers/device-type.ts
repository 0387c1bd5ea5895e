import { displayOf, valueOf, type TableRecord } from '../table-record.ts';

/** OCSF device type ids (device.type_id). */
const SERVER = 1;
const DESKTOP = 2;
const LAPTOP = 3;
const TABLET = 4;
const MOBILE = 5;
const VIRTUAL = 6;
const FIREWALL = 9;
const SWITCH = 10;
const ROUTER = 12;
const LOAD_BALANCER = 15;
const OTHER = 99;

const BY_CLASS: readonly (readonly [RegExp, number])[] = [
  [/^cmdb_ci_(vm_instance|vmware_instance|vm|virtual_machine_object)$/, VIRTUAL],
  [/^cmdb_ci_(ip_firewall|firewall)/, FIREWALL],
  [/^cmdb_ci_ip_switch$/, SWITCH],
  [/^cmdb_ci_ip_router$/, ROUTER],
  [/^cmdb_ci_lb/, LOAD_BALANCER],
  [/^cmdb_ci_(handheld_computing|mobile_device)/, MOBILE],
  [/^cmdb_ci_[a-z0-9_]*server$|^cmdb_ci_mainframe/, SERVER],
];

const BY_FORM_FACTOR: Readonly<Record<string, number>> = { desktop: DESKTOP, laptop: LAPTOP, tablet: TABLET, server: SERVER };

/**
 * The OCSF device type of a CI by its class (sys_class_name): servers (cmdb_ci_server and its
 * cmdb_ci_*_server children), virtual machine instances, firewalls, switches, routers, load balancers and
 * handheld devices; computers (cmdb_ci_computer, cmdb_ci_pc_hardware) by their form factor. Any other CI
 * class is Other (99) with the class's name as `type`. (The class itself stays under `unmapped`.)
 */
export function deviceTypeOf(record: TableRecord): { type_id: number; type?: string } {
  const cls = valueOf(record, 'sys_class_name');
  if (cls === undefined) return { type_id: 0 };
  const label = displayOf(record, 'sys_class_name');
  const matched = BY_CLASS.find(([pattern]) => pattern.test(cls))?.[1];
  if (matched !== undefined) return { type_id: matched };
  if (cls === 'cmdb_ci_computer' || cls === 'cmdb_ci_pc_hardware') {
    const form = valueOf(record, 'form_factor')?.toLowerCase();
    return { type_id: (form && BY_FORM_FACTOR[form]) || DESKTOP };
  }
  return { type_id: OTHER, type: label ?? cls };
}
