import { priorityOf } from './incident-rules.ts';
import type { InstanceStore, Row } from './instance-store.ts';

/** The users, groups, companies and locations seeded records point at (a base demo instance has the like). */
export interface Directory {
  readonly users: readonly string[];
  readonly groups: readonly string[];
  readonly companies: readonly string[];
  readonly manufacturers: readonly string[];
  readonly locations: readonly string[];
}

export function seedDirectory(store: InstanceStore): Directory {
  const add = (names: readonly string[]) => names.map((name) => store.addName(name));
  return {
    users: add(['Beth Anglin', 'David Loo', 'Fred Luddy', 'ITIL User']),
    groups: add(['Network', 'Service Desk', 'Security Operations', 'Database']),
    companies: add(['ACME North America', 'ACME Europe']),
    manufacturers: add(['Dell Inc.', 'Cisco', 'Hewlett-Packard']),
    locations: add(['London', 'San Diego', 'Frankfurt']),
  };
}

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length]!;
const hex2 = (n: number) => (n % 256).toString(16).padStart(2, '0');

/** CI classes seeded by the configuration-items stream, in rotation (business applications carry a business criticality). */
const CI_KINDS = [
  { cls: 'cmdb_ci_linux_server', os: 'Linux Red Hat', version: '9.3', prefix: 'lnx' },
  { cls: 'cmdb_ci_win_server', os: 'Windows 2022 Datacenter', version: '10.0.20348', prefix: 'win' },
  { cls: 'cmdb_ci_computer', os: 'Windows 11 Enterprise', version: '23H2', prefix: 'lap', form: 'laptop' },
  { cls: 'cmdb_ci_ip_switch', prefix: 'sw' },
  { cls: 'cmdb_ci_business_app', prefix: 'app' },
] as const;

const CRITICALITY = ['1 - most critical', '2 - somewhat critical', '3 - less critical', '4 - not critical'];

export function newConfigurationItem(store: InstanceStore, dir: Directory, index: number, at: string): Row {
  const kind = pick(CI_KINDS, index);
  const name = `${kind.prefix}-${String(index + 1).padStart(4, '0')}`;
  const hardware = kind.cls !== 'cmdb_ci_business_app';
  return store.insert(
    kind.cls,
    {
      name,
      ...(hardware
        ? {
            asset_tag: `P${String(100_000 + index)}`,
            serial_number: `SN${(7_340_000 + index * 7).toString(36).toUpperCase()}`,
            manufacturer: pick(dir.manufacturers, index),
            ip_address: `10.${index % 250}.${Math.floor(index / 250) % 250}.${(index * 7) % 250 + 2}`,
            mac_address: `00:50:56:${hex2(index)}:${hex2(index >> 8)}:${hex2(index * 3)}`,
            fqdn: `${name}.acme.example`,
            dns_domain: 'acme.example',
            first_discovered: at,
            last_discovered: at,
            location: pick(dir.locations, index),
          }
        : { business_criticality: pick(CRITICALITY, index), number: `APM${String(1000 + index).padStart(7, '0')}` }),
      ...('os' in kind ? { os: kind.os, os_version: kind.version, host_name: name } : {}),
      ...('form' in kind ? { form_factor: kind.form } : {}),
      assigned_to: pick(dir.users, index),
      company: pick(dir.companies, index),
      support_group: pick(dir.groups, index),
      install_status: '1',
      operational_status: '1',
      short_description: `${kind.cls.replace('cmdb_ci_', '').replaceAll('_', ' ')} ${name}`,
      sys_created_on: at,
      sys_updated_on: at,
    },
    'discovery',
    at,
  );
}

export function newBusinessService(store: InstanceStore, dir: Directory, index: number, at: string): Row {
  return store.insert(
    'cmdb_ci_service',
    {
      name: pick(['Email', 'Payroll', 'Customer Portal', 'VPN', 'Payments API'], index) + (index >= 5 ? ` ${Math.floor(index / 5) + 1}` : ''),
      busines_criticality: pick(CRITICALITY, index),
      service_classification: 'Business Service',
      used_for: pick(['Production', 'Staging', 'Development'], index),
      owned_by: pick(dir.users, index),
      support_group: pick(dir.groups, index),
      operational_status: '1',
      sys_created_on: at,
      sys_updated_on: at,
    },
    'admin',
    at,
  );
}

const STATES = ['1', '2', '3', '6', '2', '7'];

export function newIncident(store: InstanceStore, dir: Directory, index: number, at: string, number: string): Row {
  const state = pick(STATES, index);
  // The first hardware CIs (which tests delete last, if ever): a deleted CI would change the display value of
  // the reference without the incident being updated (README "Vendor quirks").
  const ci = index % 3 === 0 ? undefined : store.list('cmdb_ci_hardware')[index % 2];
  const impact = String((index % 3) + 1);
  const urgency = String(((index + 1) % 3) + 1);
  const priority = priorityOf(impact, urgency);
  const closing = state === '6' || state === '7';
  return store.insert(
    'incident',
    {
      number,
      short_description: pick(['Email server unreachable', 'VPN drops every hour', 'Malware alert on laptop', 'Payroll batch failed'], index),
      description: 'Reported through the service portal.',
      state,
      incident_state: state,
      active: state === '7' ? 'false' : 'true',
      impact,
      urgency,
      priority,
      severity: '3',
      category: pick(['network', 'software', 'security', 'hardware'], index),
      caller_id: pick(dir.users, index + 1),
      assignment_group: index % 4 === 0 ? '' : pick(dir.groups, index),
      assigned_to: index % 2 === 0 ? pick(dir.users, index) : '',
      cmdb_ci: ci?.sys_id ?? '',
      contact_type: 'self-service',
      opened_at: at,
      opened_by: pick(dir.users, index + 1),
      reopen_count: '0',
      ...(closing ? { close_code: 'Solution provided', close_notes: 'Restarted the service.', resolved_at: at, resolved_by: pick(dir.users, index) } : {}),
      ...(state === '7' ? { closed_at: at, closed_by: pick(dir.users, index) } : {}),
      sys_created_on: at,
      sys_updated_on: at,
    },
    'fred.luddy',
    at,
  );
}
