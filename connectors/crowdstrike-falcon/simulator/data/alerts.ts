import type { AlertRecord } from '../../mappers/alert.ts';
import { hexId, SIMULATED_CID, type RecordKind } from './collection.ts';

const SCENARIOS = [
  { name: 'CredentialDumping', display: 'Credential dumping via LSASS memory access', tactic: ['Credential Access', 'TA0006'], technique: ['OS Credential Dumping', 'T1003'], file: 'rundll32.exe' },
  { name: 'SuspiciousPowerShell', display: 'Encoded PowerShell command line', tactic: ['Execution', 'TA0002'], technique: ['PowerShell', 'T1059.001'], file: 'powershell.exe' },
  { name: 'RansomwareNote', display: 'Ransom note written to many folders', tactic: ['Impact', 'TA0040'], technique: ['Data Encrypted for Impact', 'T1486'], file: 'svch0st.exe' },
];
const SEVERITIES = [[10, 'Informational'], [30, 'Low'], [50, 'Medium'], [70, 'High'], [90, 'Critical']] as const;
const STATUSES = ['new', 'in_progress', 'closed', 'reopened'] as const;

/**
 * Simulated alerts in the Alerts API v2 shape (hand-written from the documented fields:
 * https://developer.crowdstrike.com/api-reference/collections/alerts/). An update moves the alert to its
 * next status, as triage would.
 */
export const alertKind: RecordKind<AlertRecord> = {
  make(n, at, revision, previous) {
    const aid = hexId('a', (n % 5) + 1);
    const scenario = SCENARIOS[n % SCENARIOS.length]!;
    const [severity, severityName] = SEVERITIES[n % SEVERITIES.length]!;
    const detection = `${4_800_000 + n}-10${n % 10}-${1000 + n}`;
    const composite = `${SIMULATED_CID}:ind:${aid}:${detection}`;
    return {
      ...previous,
      composite_id: composite,
      id: `ind:${aid}:${detection}`,
      aggregate_id: `aggind:${aid}:${4_800_000 + n}`,
      cid: SIMULATED_CID,
      agent_id: aid,
      type: 'ldt',
      product: 'epp',
      platform: 'Windows',
      name: scenario.name,
      display_name: scenario.display,
      description: `${scenario.display} (alert ${n}).`,
      pattern_id: 10_100 + (n % 50),
      tactic: scenario.tactic[0],
      tactic_id: scenario.tactic[1],
      technique: scenario.technique[0],
      technique_id: scenario.technique[1],
      severity,
      severity_name: severityName,
      confidence: 50 + (n % 50),
      status: STATUSES[(n + revision - 1) % STATUSES.length],
      show_in_ui: true,
      created_timestamp: previous?.created_timestamp ?? at,
      updated_timestamp: at,
      timestamp: previous?.timestamp ?? at,
      falcon_host_link: `https://falcon.crowdstrike.com/activity-v2/detections/${composite}`,
      device: { device_id: aid, hostname: `WS-${String((n % 5) + 1).padStart(3, '0')}`, local_ip: `10.0.0.${(n % 5) + 1}`, platform_name: 'Windows', os_version: 'Windows 11', product_type_desc: 'Workstation', agent_version: '7.14.18408.0' },
      user_name: `user${n % 7}`,
      filename: scenario.file,
      filepath: `\\Device\\HarddiskVolume3\\Windows\\System32\\${scenario.file}`,
      cmdline: `${scenario.file} /task ${n}`,
      sha256: (n.toString(16) + 'ab').padEnd(64, '0'),
      process_id: `pid:${aid}:${1_000_000 + n}`,
      local_process_id: String(4000 + n),
    } as AlertRecord;
  },
  key: (alert) => alert.composite_id,
  time: (alert) => alert.updated_timestamp!,
};
