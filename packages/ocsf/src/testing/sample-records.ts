/**
 * Valid OCSF 1.9.0-dev records for a few classes connectors produce, written by hand for the tests.
 * Each call returns a fresh copy that a test may change.
 */
import { ocsfVersion } from '../version.ts';

export type SampleRecord = Record<string, unknown>;

const TIME = 1_718_000_000_000;

function metadata(product: string, extra: SampleRecord = {}): SampleRecord {
  return {
    version: ocsfVersion,
    uid: 'evt-0001',
    product: { name: product, vendor_name: 'Example', uid: `${product.toLowerCase()}-1`, version: '1.0' },
    ...extra,
  };
}

function header(classUid: number, activityId: number, severityId: number): SampleRecord {
  return {
    class_uid: classUid,
    category_uid: Math.floor(classUid / 1000),
    activity_id: activityId,
    type_uid: classUid * 100 + activityId,
    severity_id: severityId,
    time: TIME,
  };
}

function device(): SampleRecord {
  return {
    type_id: 2,
    type: 'Desktop',
    hostname: 'ws-042.corp.example',
    ip: '10.1.2.3',
    uid: 'dev-042',
    mac: '00:1A:2B:3C:4D:5E',
    os: { name: 'Windows 11', type_id: 100, type: 'Windows' },
  };
}

export function detectionFinding(): SampleRecord {
  return {
    ...header(2004, 1, 4),
    severity: 'High',
    message: 'Suspicious PowerShell execution',
    metadata: metadata('Falcon', { profiles: ['host'] }),
    finding_info: {
      uid: 'det-123',
      title: 'Suspicious PowerShell',
      types: ['Execution'],
      analytic: { type_id: 1, type: 'Rule', name: 'PS encoded command', uid: 'rule-7' },
      created_time: TIME,
    },
    device: device(),
    actor: {
      process: {
        pid: 4242,
        name: 'powershell.exe',
        cmd_line: 'powershell -enc SQBFAFgA',
        parent_process: { pid: 100, name: 'explorer.exe', parent_process: { pid: 4, name: 'System' } },
      },
      user: { name: 'alice', uid: 'S-1-5-21-1', type_id: 1 },
    },
    resources: [
      { uid: 'i-0abc', name: 'web-1', type: 'EC2 Instance' },
      { uid: 'i-0def', name: 'web-2', type: 'EC2 Instance' },
    ],
    observables: [
      { name: 'device.ip', type_id: 2, value: '10.1.2.3' },
      { name: 'device.hostname', type_id: 1, value: 'ws-042.corp.example' },
    ],
    status_id: 1,
    status: 'New',
    is_alert: true,
    confidence_id: 3,
    unmapped: { falcon: { tactic_id: 'TA0002', nested: [1, 2, { any: 'thing' }] } },
  };
}

export function vulnerabilityFinding(): SampleRecord {
  return {
    ...header(2002, 1, 3),
    metadata: metadata('Tenable'),
    finding_info: { uid: 'vuln-9', title: 'OpenSSL 3.0.x < 3.0.7' },
    vulnerabilities: [
      {
        title: 'OpenSSL buffer overflow',
        severity: 'Medium',
        cve: { uid: 'CVE-2022-3602', cvss: [{ version: '3.1', base_score: 7.5, severity: 'High' }] },
        affected_packages: [{ name: 'openssl', version: '3.0.5' }],
        is_fix_available: true,
      },
    ],
    device: device(),
  };
}

export function complianceFinding(): SampleRecord {
  return {
    ...header(2003, 2, 2),
    metadata: metadata('Prowler'),
    finding_info: { uid: 'cis-1.4', title: 'Root account has MFA' },
    compliance: { standards: ['CIS AWS 1.4'], control: '1.5', status_id: 3, status: 'Fail' },
  };
}

export function authentication(): SampleRecord {
  return {
    ...header(3002, 1, 1),
    metadata: metadata('Okta'),
    user: { name: 'alice@example.com', uid: '00u1', type_id: 1 },
    dst_endpoint: { hostname: 'login.example.com', port: 443, ip: '203.0.113.10' },
    src_endpoint: { ip: '2001:db8::1' },
    is_mfa: true,
    status_id: 1,
    auth_protocol_id: 99,
    auth_protocol: 'OIDC',
  };
}

export function deviceInventoryInfo(): SampleRecord {
  return { ...header(5001, 2, 1), metadata: metadata('Intune'), device: device() };
}

export function userInventory(): SampleRecord {
  return {
    ...header(5003, 2, 1),
    metadata: metadata('Entra ID'),
    user: {
      name: 'bob',
      uid: 'u-2',
      email_addr: 'bob@example.com',
      groups: [{ name: 'admins', uid: 'g-1' }],
      account: { name: 'bob', uid: 'acct-2', type_id: 6 },
    },
  };
}

export function entityManagement(): SampleRecord {
  return {
    ...header(3004, 1, 1),
    metadata: metadata('Jamf'),
    entity: { name: 'laptop-7', uid: 'ent-7', type_id: 1, device: device() },
  };
}
