import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import { mapAlert, type AlertRecord } from './alert.ts';
import { alertFromDetectionSummary, type DetectionSummaryEvent } from './detection-summary.ts';
import { alertSeverity } from './severity.ts';
import { fixtureBody, metaFor, receivedAt, scalars } from './test-support.ts';

/** Real CrowdStrike payloads: Panther's rule-test logs (../shared/vendor/samples/panther-rule-tests/crowdstrike_rules.json). */
const samples = JSON.parse(readFileSync(new URL('../../../../shared/vendor/samples/panther-rule-tests/crowdstrike_rules.json', import.meta.url), 'utf8')) as { rule_id: string; test_name: string; log: DetectionSummaryEvent }[];
/** The alert-shaped ones: EppDetectionSummaryEvent from Event Streams, one per severity band (rule Crowdstrike.EppDetectionSummary). */
const detections = samples.filter((s) => s.rule_id === 'Crowdstrike.EppDetectionSummary' && s.log.metadata?.eventType === 'EppDetectionSummaryEvent');
const meta = metaFor('alerts');
const alerts = fixtureBody<{ resources: AlertRecord[] }>('alerts-sync.json', 1).resources;

describe('alert mapper', () => {
  it('maps the severity bands of the 0-100 scale', () => {
    expect([0, 10, 19, 20, 49, 50, 69, 70, 89, 90, 100].map((s) => alertSeverity(s).severity)).toEqual(['Informational', 'Informational', 'Informational', 'Low', 'Low', 'Medium', 'Medium', 'High', 'High', 'Critical', 'Critical']);
    expect(alertSeverity(101)).toEqual({ severity_id: 99, severity: '101' });
    expect(alertSeverity(undefined)).toEqual({ severity_id: 0, severity: 'Unknown' });
  });

  it('maps the real EppDetectionSummaryEvent samples (five severities) to valid Detection Findings', () => {
    expect(detections.map((d) => d.test_name)).toEqual(['INFO Alert', 'LOW Alert', 'MEDIUM Alert', 'HIGH Alert', 'CRIT Alert']);
    const mapped = detections.map((d) => mapAlert(alertFromDetectionSummary(d.log), meta));
    expect(mapped.map((m) => m.severity_id)).toEqual([1, 2, 3, 4, 5]);
    for (const record of mapped) expect(validateRecord(record, { warnings: false })).toEqual({ valid: true, warnings: [] });
    const [first] = mapped;
    expect(first).toMatchObject({
      class_uid: 2004,
      activity_id: 1,
      time: receivedAt.getTime(),
      metadata: { uid: 'DETECTION ID', tenant_uid: 'CUST_ID', product: { vendor_name: 'CrowdStrike' } },
      finding_info: { uid: 'DETECTION ID', title: 'Known Malware', attacks: [{ tactic: { name: 'Execution' }, technique: { name: 'User Execution' } }] },
      device: { ip: '2.2.2.2', mac: 'aa:bb:cc:dd:71:7f' },
      actor: { user: { name: 'Administrator' } },
      evidences: [{ process: { name: 'msedge.exe', uid: '90597916092', file: { hashes: [{ algorithm_id: 1, value: '000000000041c03beaa7ea3547b1940c' }, { algorithm_id: 2 }, { algorithm_id: 3 }] }, parent_process: { uid: '90559720124' } } }],
      unmapped: { event_creation_time: '2024-12-03 19:54:30.000000000', objective: 'Follow Through', ProcessStartTime: '2024-12-03 19:53:19.000000000' },
    });
  });

  it('keeps every value of the real samples: mapped or under unmapped', () => {
    for (const detection of detections) {
      const mapped = JSON.stringify(mapAlert(alertFromDetectionSummary(detection.log), meta)).toLowerCase();
      // The p_* fields are Panther's own (parse times, log type), not CrowdStrike's: only event and metadata are the vendor's.
      for (const value of scalars({ event: detection.log.event, metadata: detection.log.metadata })) {
        // MAC addresses are rewritten with colons (checked above); every other text must be found as it was.
        if (typeof value !== 'string' || value === '' || /^([0-9a-f]{2}-){5}[0-9a-f]{2}$/i.test(value)) continue;
        expect(mapped, `${detection.test_name}: ${value}`).toContain(JSON.stringify(value).slice(1, -1).toLowerCase());
      }
    }
  });

  it('maps the hand-written Alerts API answer: times, device, user, process, disposition, assignee', () => {
    const [high, closed] = alerts.map((a) => mapAlert(a, meta));
    for (const record of [high, closed]) expect(validateRecord(record!, { warnings: false })).toEqual({ valid: true, warnings: [] });
    expect(high).toMatchObject({
      activity_id: 2,
      type_uid: 200402,
      severity_id: 4,
      status_id: 2,
      confidence_score: 80,
      disposition_id: 2,
      time: Date.parse('2026-04-30T10:05:40.102Z'),
      metadata: { original_time: '2026-04-30T10:05:40.102332Z', correlation_uid: 'aggind:9d1c0a2b3c4d4e5f8a9b0c1d2e3f4a5b:4820113', profiles: ['security_control', 'host', 'incident'] },
      finding_info: { created_time: Date.parse('2026-04-30T09:58:12.481Z'), first_seen_time: Date.parse('2026-04-30T09:58:04.119Z'), analytic: { name: 'CredentialDumping', uid: '10197' }, attacks: [{ technique: { uid: 'T1003' } }] },
      device: { uid: '9d1c0a2b3c4d4e5f8a9b0c1d2e3f4a5b', hostname: 'FIN-WS-042', mac: '00:15:5d:0a:2b:42', os: { type_id: 100 }, type_id: 2, network_interfaces: [{ ip: '203.0.113.17' }] },
      actor: { user: { name: 'alice', email_addr: 'alice@corp.example' } },
      evidences: [{ process: { pid: 6120, file: { path: '\\Device\\HarddiskVolume3\\Windows\\System32\\rundll32.exe' }, parent_process: { pid: 4410, name: 'powershell.exe' } } }],
      assignee: { name: 'Bob Analyst', uid: '5e0c7f2a-6b1d-4c3e-9f8a-0b1c2d3e4f5a' },
      unmapped: { device: { agent_version: '7.14.18408.0', site_name: 'Amsterdam' }, parent_details: { user_graph_id: 'uid:9d1c0a2b3c4d4e5f8a9b0c1d2e3f4a5b:S-1-5-21-1104' }, tags: ['tier1'], product: 'epp' },
    });
    expect(closed).toMatchObject({ activity_id: 3, severity_id: 1, status_id: 4, evidences: [{ file: { name: 'curl', path: '/usr/bin/curl' } }], unmapped: { cmdline: 'curl -o /tmp/x https://files.example.net/x' } });
  });

  it('refuses an updated_timestamp without a zone rather than guessing one', () => {
    expect(() => mapAlert({ ...alerts[0]!, updated_timestamp: '2026-04-30 10:05:40' }, meta)).toThrow(expect.objectContaining({ code: 'VENDOR_BAD_RESPONSE' }));
  });
});
