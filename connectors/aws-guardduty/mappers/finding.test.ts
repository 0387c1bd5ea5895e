import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import type { MapMeta } from '@patchbay/sdk';
import { mapFinding } from './finding.ts';
import { severityOf } from './severity.ts';
import type { GuardDutyFinding } from './types.ts';

/** Real GuardDuty findings: the `log` of each entry of Panther's GuardDuty rule tests. */
const SAMPLES = new URL('../../../../shared/vendor/samples/panther-rule-tests/aws_guardduty_rules.json', import.meta.url);
const samples = (JSON.parse(readFileSync(SAMPLES, 'utf8')) as { log: GuardDutyFinding }[]).map((entry) => entry.log);
const handWritten = (JSON.parse(readFileSync(new URL('../fixtures/findings-hand-written.json', import.meta.url), 'utf8')) as { body: { findings: GuardDutyFinding[] } }).body.findings;
const meta: MapMeta = { connector: { id: 'aws-guardduty', name: 'AWS GuardDuty', vendor: 'AWS', version: '1.0.0' }, stream: 'findings', instanceId: 'test', receivedAt: new Date('2026-05-01T00:00:00.000Z') };

/** Every leaf of a JSON value, as dotted paths. */
function leaves(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Object.keys(value).length === 0) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
}

describe('GuardDuty finding mapper', () => {
  it.each([...samples, ...handWritten].map((f, i) => [i, f] as const))('maps finding %i to a valid OCSF detection finding', (_i, finding) => {
    const mapped = mapFinding(finding, meta);
    expect(validateRecord(mapped, { warnings: false })).toEqual({ valid: true, warnings: [] });
    expect(mapped).toMatchObject({ class_uid: 2004, finding_info: { uid: finding.id }, metadata: { uid: finding.id, product: { name: 'Amazon GuardDuty', vendor_name: 'AWS' } } });
  });

  it('follows the documented severity scale: 1.0-3.9 Low, 4.0-6.9 Medium, 7.0-8.9 High, 9.0-10.0 Critical', () => {
    expect([1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map((s) => severityOf(s).severity)).toEqual(['Low', 'Low', 'Medium', 'Medium', 'High', 'High', 'Critical', 'Critical']);
    expect(severityOf(0.5)).toEqual({ severity_id: 99, severity: '0.5' });
    expect(severityOf(undefined)).toEqual({ severity_id: 0, severity: 'Unknown' });
    expect(samples.map((f) => mapFinding(f, meta).severity)).toEqual(['Critical', 'Critical', 'High', 'High', 'Low', 'Low', 'Medium', 'Medium']);
  });

  it('maps the real API-call sample: times, account, Region, caller and API into OCSF', () => {
    const mapped = mapFinding(samples[2]!, meta);
    expect(mapped).toMatchObject({
      time: Date.parse('2020-02-14T18:12:22.316Z'),
      start_time: Date.parse('2020-02-14T17:59:17Z'),
      activity_id: 1,
      status_id: 1,
      cloud: { provider: 'AWS', region: 'us-east-1', account: { uid: '123456789012' } },
      finding_info: { types: ['PrivilegeEscalation:IAMUser/AdministrativePermissions'], uid_alt: expect.stringContaining('/finding/90b8') },
      evidences: [{ api: { operation: 'PutRolePolicy', service: { name: 'iam.amazonaws.com' } } }],
    });
  });

  it('does not guess a zone for the times the Panther samples carry without one, and keeps them under unmapped', () => {
    const mapped = mapFinding(samples[0]!, meta) as { time: number; finding_info: Record<string, unknown>; unmapped: Record<string, unknown> };
    expect(mapped.time).toBe(meta.receivedAt.getTime());
    expect(mapped.finding_info.modified_time).toBeUndefined();
    expect(mapped.unmapped).toMatchObject({ updatedAt: '2025-02-25 20:40:06.721', createdAt: '2025-02-25 20:40:06.721', service: { eventFirstSeen: '2025-02-25 20:40:06.000000000' } });
  });

  it('maps an instance with an inbound connection: device, resource, endpoints, direction, remediation', () => {
    expect(mapFinding(handWritten[0]!, meta)).toMatchObject({
      device: { uid: 'i-0abc1234def567890', ip: '10.0.1.23', hostname: 'ip-10-0-1-23.ec2.internal', vpc_uid: 'vpc-0123456789abcdef0', region: 'us-east-1', type_id: 6 },
      resources: [{ type: 'AWS::EC2::Instance', uid: 'i-0abc1234def567890', labels: ['Name=web-1', 'team=payments'] }],
      evidences: [{ connection_info: { direction_id: 1, protocol_name: 'tcp' }, src_endpoint: { ip: '198.51.100.7', port: 51234, location: { city: 'Amsterdam', country: 'NL' }, autonomous_system: { number: 64500 } }, dst_endpoint: { ip: '10.0.1.23', port: 22, svc_name: 'SSH' } }],
      remediation: { references: [expect.stringContaining('compromised-ec2.html'), expect.any(String), expect.any(String)] },
      count: 12,
      activity_id: 2,
    });
  });

  it('maps an archived access-key finding to status Archived, activity Close, with the caller as the actor', () => {
    expect(mapFinding(handWritten[1]!, meta)).toMatchObject({
      status_id: 5,
      activity_id: 3,
      type_uid: 200403,
      resources: [{ type: 'AWS::IAM::AccessKey', uid: 'ASIAEXAMPLEKEYID0001', owner: { name: 'alice', uid: 'AIDAEXAMPLEPRINCIPAL' } }],
      evidences: [{ actor: { user: { name: 'alice', credential_uid: 'ASIAEXAMPLEKEYID0001' } }, api: { operation: 'ListBuckets', response: { error: 'AccessDenied' } }, src_endpoint: { ip: '203.0.113.45' } }],
    });
  });

  it('maps S3 buckets and DNS requests', () => {
    expect(mapFinding(handWritten[2]!, meta)).toMatchObject({
      severity_id: 5,
      resources: [{ type: 'AWS::IAM::AccessKey' }, { type: 'AWS::S3::Bucket', uid: 'arn:aws:s3:::example-payroll', name: 'example-payroll', labels: ['data=restricted'] }],
      evidences: [{ query: { hostname: 'malware.example.net' } }],
    });
  });

  it('drops nothing: every field is mapped, kept whole in resources/evidences data, or under unmapped', () => {
    for (const finding of [...samples, ...handWritten]) {
      const mapped = mapFinding(finding, meta) as Record<string, unknown>;
      const kept = JSON.stringify(mapped);
      // Mapped by meaning rather than copied: archived is status_id, the score is severity_id (and kept when outside the scale).
      for (const path of leaves(finding).filter((p) => p !== 'service.archived' && p !== 'severity')) {
        const value = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], finding);
        if (value === null || (typeof value === 'object' && Object.keys(value).length === 0)) continue;
        const needle = typeof value === 'string' ? JSON.stringify(value).slice(1, -1) : JSON.stringify(value);
        expect(kept.includes(needle) || kept.includes(String(Date.parse(String(value)))), `${path} (${needle.slice(0, 40)}) is lost`).toBe(true);
      }
    }
  });
});
