/**
 * The slice of a base instance's dictionary the simulator serves: the tables, how they extend each other
 * (a table lists the records of its own class and of every class extending it: cmdb_ci lists servers and
 * business services alike), the fields each adds, and the choice labels ServiceNow displays.
 * CMDB: https://www.servicenow.com/docs/r/servicenow-platform/configuration-management-database-cmdb/cmdb-table-property-descriptions.html
 * Incident: https://docs.servicenow.com/bundle/london-it-service-management/page/product/incident-management/concept/c_IncidentManagementStateModel.html
 */
export const PARENT: Readonly<Record<string, string | null>> = {
  cmdb_ci: null,
  cmdb_ci_hardware: 'cmdb_ci',
  cmdb_ci_computer: 'cmdb_ci_hardware',
  cmdb_ci_server: 'cmdb_ci_computer',
  cmdb_ci_linux_server: 'cmdb_ci_server',
  cmdb_ci_win_server: 'cmdb_ci_server',
  cmdb_ci_netgear: 'cmdb_ci_hardware',
  cmdb_ci_ip_switch: 'cmdb_ci_netgear',
  cmdb_ci_ip_router: 'cmdb_ci_netgear',
  cmdb_ci_service: 'cmdb_ci',
  cmdb_ci_business_app: 'cmdb_ci',
  task: null,
  incident: 'task',
  sys_user: null,
  sys_user_group: null,
  core_company: null,
  cmn_location: null,
};

export const LABELS: Readonly<Record<string, string>> = {
  cmdb_ci: 'Configuration Item',
  cmdb_ci_hardware: 'Hardware',
  cmdb_ci_computer: 'Computer',
  cmdb_ci_server: 'Server',
  cmdb_ci_linux_server: 'Linux Server',
  cmdb_ci_win_server: 'Windows Server',
  cmdb_ci_netgear: 'Network Gear',
  cmdb_ci_ip_switch: 'IP Switch',
  cmdb_ci_ip_router: 'IP Router',
  cmdb_ci_service: 'Business Service',
  cmdb_ci_business_app: 'Business Application',
  task: 'Task',
  incident: 'Incident',
};

const SYS = ['sys_id', 'sys_class_name', 'sys_created_on', 'sys_created_by', 'sys_updated_on', 'sys_updated_by', 'sys_mod_count'];

/** Fields each table adds to its parent's. */
const OWN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  cmdb_ci: [
    ...SYS, 'name', 'short_description', 'asset_tag', 'serial_number', 'manufacturer', 'model_id', 'assigned_to', 'company', 'location',
    'support_group', 'owned_by', 'managed_by', 'install_status', 'operational_status', 'ip_address', 'mac_address', 'fqdn', 'dns_domain',
    'first_discovered', 'last_discovered', 'correlation_id', 'discovery_source',
  ],
  cmdb_ci_computer: ['host_name', 'os', 'os_version', 'form_factor', 'cpu_count', 'ram'],
  cmdb_ci_service: ['busines_criticality', 'service_classification', 'used_for', 'version'],
  cmdb_ci_business_app: ['business_criticality', 'number', 'application_type', 'architecture_type'],
  task: [
    ...SYS, 'number', 'short_description', 'description', 'state', 'active', 'priority', 'impact', 'urgency', 'assignment_group', 'assigned_to',
    'opened_at', 'opened_by', 'closed_at', 'closed_by', 'close_notes', 'correlation_id', 'correlation_display', 'comments', 'work_notes',
    'comments_and_work_notes', 'cmdb_ci', 'business_service', 'company', 'location', 'contact_type', 'sys_domain',
  ],
  incident: ['caller_id', 'category', 'subcategory', 'severity', 'incident_state', 'resolved_at', 'resolved_by', 'close_code', 'hold_reason', 'reopen_count', 'problem_id'],
  sys_user: ['sys_id', 'user_name', 'name', 'email'],
  sys_user_group: ['sys_id', 'name'],
  core_company: ['sys_id', 'name'],
  cmn_location: ['sys_id', 'name'],
};

/** Reference fields and the table they point at (their display value is the referenced record's name). */
export const REFERENCES: Readonly<Record<string, string>> = {
  manufacturer: 'core_company',
  company: 'core_company',
  model_id: 'cmdb_model',
  assigned_to: 'sys_user',
  owned_by: 'sys_user',
  managed_by: 'sys_user',
  caller_id: 'sys_user',
  opened_by: 'sys_user',
  closed_by: 'sys_user',
  resolved_by: 'sys_user',
  support_group: 'sys_user_group',
  assignment_group: 'sys_user_group',
  location: 'cmn_location',
  cmdb_ci: 'cmdb_ci',
  business_service: 'cmdb_ci_service',
  problem_id: 'problem',
};

const HIGH_MEDIUM_LOW = { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' };

/** Choice fields: database value → label. */
export const CHOICES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  state: { '1': 'New', '2': 'In Progress', '3': 'On Hold', '6': 'Resolved', '7': 'Closed', '8': 'Canceled' },
  incident_state: { '1': 'New', '2': 'In Progress', '3': 'On Hold', '6': 'Resolved', '7': 'Closed', '8': 'Canceled' },
  priority: { '1': '1 - Critical', '2': '2 - High', '3': '3 - Moderate', '4': '4 - Low', '5': '5 - Planning' },
  impact: HIGH_MEDIUM_LOW,
  urgency: HIGH_MEDIUM_LOW,
  severity: HIGH_MEDIUM_LOW,
  hold_reason: { '1': 'Awaiting Caller', '3': 'Awaiting Problem', '4': 'Awaiting Vendor', '5': 'Awaiting Change' },
  install_status: { '1': 'Installed', '3': 'In Maintenance', '6': 'In Stock', '7': 'Retired' },
  operational_status: { '1': 'Operational', '2': 'Non-Operational', '5': 'Ready' },
  category: { inquiry: 'Inquiry / Help', software: 'Software', hardware: 'Hardware', network: 'Network', database: 'Database', security: 'Security' },
  contact_type: { email: 'Email', phone: 'Phone', 'self-service': 'Self-service', monitoring: 'Monitoring', integration: 'Integration' },
};

/** Journal fields: written as entries, read back with an empty value. */
export const JOURNAL_FIELDS: ReadonlySet<string> = new Set(['comments', 'work_notes', 'comments_and_work_notes']);

export function isTable(table: string): boolean {
  return Object.hasOwn(PARENT, table);
}

/** Whether records of class `cls` are listed by `table` (the class itself or one of its ancestors). */
export function extendsTable(cls: string, table: string): boolean {
  for (let current: string | null | undefined = cls; current; current = PARENT[current]) if (current === table) return true;
  return false;
}

/** Every field of a class: its own and its ancestors'. */
export function fieldsOf(cls: string): readonly string[] {
  const chain: string[] = [];
  for (let current: string | null | undefined = cls; current; current = PARENT[current]) chain.unshift(current);
  return [...new Set(chain.flatMap((table) => OWN_FIELDS[table] ?? []))];
}
