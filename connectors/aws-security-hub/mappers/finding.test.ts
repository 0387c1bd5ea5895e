import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import type { MapMeta } from '@patchbay/sdk';
import { ManualClock } from '@patchbay/types';
import { FindingStore } from '../simulator/finding-store.ts';
import type { AsffFinding } from './asff.ts';
import { classOf, mapFinding } from './finding.ts';

/** Real ASFF findings: Panther's rule tests for Security Hub (each entry's `log`). */
const SAMPLES = new URL('../../../../shared/vendor/samples/panther-rule-tests/aws_securityfinding_rules.json', import.meta.url);
const PANTHER_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?$/;

/**
 * A Panther log back in the form GetFindings returns: Panther's own `p_*` fields removed, and its
 * timestamps (Panther stores every timestamp in UTC as "YYYY-MM-DD HH:MM:SS.fffffffff") written as the
 * RFC 3339 UTC text Security Hub sends. The mapper itself never guesses a zone (tested below).
 */
function fromPanther(log: Record<string, unknown>): AsffFinding {
  const finding: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(log)) {
    if (key.startsWith('p_')) continue;
    const time = typeof value === 'string' ? PANTHER_TIME.exec(value) : null;
    finding[key] = time ? `${time[1]}T${time[2]}${time[3] ? `.${time[3]}` : ''}Z` : value;
  }
  return finding as unknown as AsffFinding;
}

const samples = (JSON.parse(readFileSync(SAMPLES, 'utf8')) as { log: Record<string, unknown> }[]).map((entry) => fromPanther(entry.log));
const meta: MapMeta = { connector: { id: 'aws-security-hub', name: 'AWS Security Hub', vendor: 'Amazon Web Services', version: '1.0.0' }, stream: 'findings', instanceId: 'test', receivedAt: new Date('2026-05-01T00:00:00Z') };

/** A mapped record with the arrays and objects the tests look into. */
type Mapped = Record<string, unknown> & { unmapped: Record<string, unknown>; vulnerabilities: unknown[]; evidences: unknown[] };

function expectValid(record: Readonly<Record<string, unknown>>): void {
  const result = validateRecord(record, { warnings: false });
  expect(result.valid ? [] : result.errors).toEqual([]);
}

describe('mapFinding on the real Security Hub samples (panther-rule-tests/aws_securityfinding_rules.json)', () => {
  it('maps every sample to a valid Detection Finding with its id, times, severity, account and actor', () => {
    expect(samples).toHaveLength(10);
    for (const finding of samples) {
      const record = mapFinding(finding, meta);
      expectValid(record);
      expect(record).toMatchObject({ class_uid: 2004, type_uid: 200401, severity_id: 4, severity: 'High', status_id: 1, status: 'New' });
      expect(record.finding_info).toMatchObject({ uid: finding.Id, title: finding.Title, product_uid: finding.ProductArn, created_time: Date.parse(finding.CreatedAt!) });
      expect(record.cloud).toEqual({ provider: 'AWS', region: 'us-east-1', account: { uid: '123456789012', type: 'AWS Account', type_id: 10 } });
      expect(record.metadata).toMatchObject({ uid: finding.Id, tenant_uid: '123456789012', original_time: finding.UpdatedAt, product: { name: finding.ProductName, vendor_name: 'Custom' } });
    }
  });

  it('maps the API call, its caller and the acting principal into evidences, and keeps the rest in unmapped', () => {
    const [dynamo] = samples;
    const record = mapFinding(dynamo!, meta) as unknown as Mapped;
    expect(record.time).toBe(Date.parse('2024-05-24T22:53:24Z'));
    expect(record.evidences).toEqual([
      {
        name: 'AWS_API_CALL',
        api: { operation: 'Scan', service: { name: 'dynamodb.amazonaws.com' } },
        src_endpoint: { ip: '11.111.11.111' },
        actor: { user: expect.objectContaining({ uid: 'ABC9ONWNS3155VIEJC8U:john.doe', name: 'john.doe', credential_uid: 'ABC9ONWNS3155VIEJC8U', uid_alt: 'arn:aws:iam::123456789012:user/tester' }) },
      },
    ]);
    expect(record.resources).toContainEqual({ uid: 'arn:aws:iam::123456789012:user/tester', name: 'arn:aws:iam::123456789012:user/tester', type: 'AwsIamRole', region: 'us-east-1', cloud_partition: 'aws', role: 'Actor', role_id: 2 });
    const unmapped = record.unmapped;
    for (const key of ['Action', 'Resources', 'ProductFields', 'Severity', 'FindingProviderFields', 'Workflow', 'RecordState', 'ProcessedAt', 'SchemaVersion']) expect(unmapped).toHaveProperty(key);
  });
});

describe('the class rule and the compliance, vulnerability and detection mappings', () => {
  const store = new FindingStore(new ManualClock('2026-05-01T00:00:00Z'), ['control', 'detection', 'vulnerability'], ['us-east-1']);
  store.seed({ count: 3 });
  const [control, detection, vulnerability] = store.all();

  it('puts control findings in Compliance Finding with their control and standards ids', () => {
    expect(classOf(control!)).toBe(2003);
    const record = mapFinding(control!, meta);
    expectValid(record);
    expect(record.compliance).toEqual({
      control: 'S3.2',
      standards: ['standards/aws-foundational-security-best-practices/v/1.0.0', 'standards/cis-aws-foundations-benchmark/v/1.4.0'],
      status: 'PASSED',
      status_code: 'PASSED',
      status_id: 1,
      requirements: ['NIST.800-53.r5 AC-3'],
    });
    expect(record.remediation).toMatchObject({ references: ['https://docs.aws.amazon.com/console/securityhub/S3.2/remediation'] });
  });

  it('keeps ProductFields StandardsArn and ControlId of per-standard control findings', () => {
    const legacy = { ...control!, Compliance: { Status: 'FAILED' }, ProductFields: { StandardsArn: 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0', ControlId: '1.10' } };
    const record = mapFinding(legacy, meta);
    expectValid(record);
    expect(record.compliance).toMatchObject({ control: '1.10', standards: ['arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0'], status_id: 3 });
  });

  it('puts findings with Vulnerabilities in Vulnerability Finding with CVE, CVSS and packages', () => {
    expect(classOf(vulnerability!)).toBe(2002);
    const record = mapFinding(vulnerability!, meta) as unknown as Mapped;
    expectValid(record);
    expect(record.vulnerabilities[0]).toMatchObject({
      cve: { uid: 'CVE-2024-1003', cvss: [{ version: '3.1', base_score: 7.5, vendor_name: 'NVD' }] },
      affected_packages: [{ name: 'openssl', version: '3.0.7', fixed_in_version: '3.0.8' }],
      is_fix_available: true,
      remediation: { desc: 'Update openssl to 3.0.8 or later.' },
    });
  });

  it('puts other findings in Detection Finding with the EC2 device and the network connection', () => {
    expect(classOf(detection!)).toBe(2004);
    const record = mapFinding(detection!, meta) as unknown as Mapped;
    expectValid(record);
    expect(record.device).toMatchObject({ type_id: 6, instance_uid: 'i-0sim00000002', hostname: 'ip-10-0-0-12.ec2.internal', ip: '10.0.0.12' });
    expect(record.evidences[0]).toMatchObject({ dst_endpoint: { ip: '198.51.100.7', port: 443, location: { country: 'NL' } }, connection_info: { direction_id: 2, protocol_name: 'tcp' } });
  });

  it('follows the documented severity scale, Normalized when there is no Label, and 99 outside it', () => {
    const severity = (s: AsffFinding['Severity']) => mapFinding({ ...detection!, Severity: s }, meta).severity_id;
    expect([severity({ Label: 'INFORMATIONAL' }), severity({ Label: 'LOW' }), severity({ Label: 'MEDIUM' }), severity({ Label: 'HIGH' }), severity({ Label: 'CRITICAL' })]).toEqual([1, 2, 3, 4, 5]);
    expect([severity({ Normalized: 0 }), severity({ Normalized: 39 }), severity({ Normalized: 40 }), severity({ Normalized: 89 }), severity({ Normalized: 90 })]).toEqual([1, 2, 3, 4, 5]);
    expect(mapFinding({ ...detection!, Severity: { Label: 'SEVERE' } }, meta)).toMatchObject({ severity_id: 99, severity: 'SEVERE' });
  });

  it('maps workflow and archival to status and activity', () => {
    expect(mapFinding({ ...detection!, Workflow: { Status: 'SUPPRESSED' } }, meta)).toMatchObject({ status_id: 3, activity_id: 2 });
    expect(mapFinding({ ...detection!, Workflow: { Status: 'RESOLVED' }, RecordState: 'ARCHIVED' }, meta)).toMatchObject({ status_id: 5, activity_id: 3, type_uid: 200403 });
  });

  it('never guesses a zone: a zoneless UpdatedAt falls back to ProcessedAt and is kept as original_time', () => {
    const record = mapFinding({ ...detection!, UpdatedAt: '2026-04-30 10:00:00', ProcessedAt: '2026-04-30T10:00:05Z' }, meta);
    expectValid(record);
    expect(record.time).toBe(Date.parse('2026-04-30T10:00:05Z'));
    expect(record.metadata).toMatchObject({ original_time: '2026-04-30 10:00:00' });
  });
});
