import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import type { MapMeta } from '@patchbay/sdk';
import { mapNotableEvent, type NotableEvent } from './notable-event.ts';
import { findingStatus, severityOf, verdictOf } from './notable-status.ts';

/**
 * HAND-WRITTEN notable events following ES's documented fields (fixtures/notable-events-sync.json, see
 * fixtures/README.md): the results pages of one search job, newest first. No Splunk session was recorded.
 */
const sync = JSON.parse(readFileSync(new URL('../fixtures/notable-events-sync.json', import.meta.url), 'utf8')) as { exchanges: { response: { body?: { json: { results?: NotableEvent[] } } } }[] };
const notables = sync.exchanges.flatMap((e) => e.response.body?.json.results ?? []).reverse();
const [malware, logins, threat, audit] = notables as [NotableEvent, NotableEvent, NotableEvent, NotableEvent];
const meta: MapMeta = { connector: { id: 'splunk', name: 'Splunk', vendor: 'Splunk', version: '1.0.0' }, stream: 'notable-events', instanceId: 'test', receivedAt: new Date('2026-05-02T00:00:00Z') };

describe('notable event mapper (hand-written notables)', () => {
  it('maps every fixture to a valid OCSF Detection Finding', () => {
    expect(notables).toHaveLength(4);
    for (const notable of notables) {
      const record = mapNotableEvent(notable, meta);
      expect(validateRecord(record, { warnings: false }), notable.event_id).toEqual({ valid: true, warnings: [] });
    }
  });

  it('maps urgency to severity on ES\'s five-level scale', () => {
    expect(['informational', 'low', 'medium', 'high', 'critical'].map((u) => severityOf(u).severity_id)).toEqual([1, 2, 3, 4, 5]);
    expect(severityOf(undefined)).toEqual({ severity_id: 0, severity: 'Unknown' });
    expect(severityOf('unknown')).toEqual({ severity_id: 0, severity: 'Unknown' });
    expect(severityOf('severe')).toEqual({ severity_id: 99, severity: 'severe' });
    // Urgency, not the correlation search's severity: a high-severity notable on a critical asset is critical.
    expect(mapNotableEvent(malware, meta)).toMatchObject({ severity_id: 5, severity: 'Critical', unmapped: { severity: 'high' } });
  });

  it('maps the ES statuses to the finding lifecycle, keeping the ES label where OCSF says less', () => {
    expect(findingStatus('0', undefined)).toEqual({ status_id: 1, status: 'New', status_detail: 'Unassigned', activity_id: 1 });
    expect(findingStatus('1', 'New')).toEqual({ status_id: 1, status: 'New', activity_id: 1 });
    expect(findingStatus('2', 'In Progress')).toEqual({ status_id: 2, status: 'In Progress', activity_id: 2 });
    expect(findingStatus('3', 'Pending')).toEqual({ status_id: 99, status: 'Pending', activity_id: 2 });
    expect(findingStatus('4', 'Resolved')).toEqual({ status_id: 4, status: 'Resolved', activity_id: 3 });
    expect(findingStatus('5', 'Closed')).toEqual({ status_id: 4, status: 'Resolved', status_detail: 'Closed', activity_id: 3 });
    expect(findingStatus('7', 'Escalated to IR')).toEqual({ status_id: 99, status: 'Escalated to IR', activity_id: 2 });
    expect(findingStatus(undefined, undefined)).toBeUndefined();
  });

  it('maps dispositions to the Incident profile\'s verdict', () => {
    expect(verdictOf('True Positive - Suspicious Activity')).toEqual({ verdict_id: 2, verdict: 'True Positive' });
    expect(verdictOf('Benign Positive - Suspicious But Expected')).toEqual({ verdict_id: 5, verdict: 'Benign' });
    expect(verdictOf('False Positive - Inaccurate Data')).toEqual({ verdict_id: 1, verdict: 'False Positive' });
    expect(verdictOf('Undetermined')).toEqual({ verdict_id: 7, verdict: 'Insufficient Data' });
    expect(verdictOf('Other')).toEqual({ verdict_id: 99, verdict: 'Other' });
    expect(verdictOf('Unassigned')).toBeUndefined();
  });

  it('maps a new notable: id, time, rule, security domain, MITRE techniques, device and evidence', () => {
    const record = mapNotableEvent(malware, meta);
    expect(record).toMatchObject({
      class_uid: 2004,
      activity_id: 1,
      type_uid: 200401,
      time: Date.parse('2026-05-01T10:15:02.000Z'),
      status_id: 1,
      status: 'New',
      is_alert: true,
      message: malware.rule_description,
      metadata: { uid: malware.event_id, original_time: '2026-05-01T10:15:02.000+00:00', product: { name: 'Splunk Enterprise Security', vendor_name: 'Splunk' }, log_provider: 'splunk', profiles: ['incident'] },
      finding_info: {
        uid: malware.event_id,
        title: 'Malware trojan.agent detected on wks-0042',
        desc: malware.rule_description,
        created_time: Date.parse('2026-05-01T10:15:02.000Z'),
        analytic: { name: 'Malware Detected On Host', uid: 'Endpoint - High Or Critical Priority Host With Malware - Rule', type_id: 1 },
        types: ['endpoint'],
        attacks: [{ technique: { uid: 'T1204' }, sub_technique: { uid: 'T1204.002' } }, { technique: { uid: 'T1059' } }],
      },
      device: { hostname: 'wks-0042', type_id: 0 },
      evidences: [{ dst_endpoint: { hostname: 'wks-0042' }, user: { name: 'jdoe' } }],
      verdict_id: 7,
    });
    // Nobody owns it yet: no assignee; the rest of the notable stays, never dropped.
    expect(record).not.toHaveProperty('assignee');
    expect(record.unmapped).toMatchObject({ rule_id: malware.rule_id, signature: 'trojan.agent', drilldown_search: malware.drilldown_search, owner: 'unassigned', owner_realname: 'unassigned', index: 'notable', sourcetype: 'stash', disposition: 'disposition:6', disposition_label: 'Undetermined', status: '1' });
  });

  it('maps a notable in progress: owner as assignee, verdict, addresses, a multivalue source', () => {
    const record = mapNotableEvent(logins, meta);
    expect(record).toMatchObject({
      activity_id: 2,
      type_uid: 200402,
      severity_id: 3,
      status_id: 2,
      assignee: { name: 'analyst1', full_name: 'Ana Lyst' },
      verdict_id: 2,
      verdict: 'True Positive',
      device: { ip: '10.1.2.3', type_id: 0 },
      evidences: [{ src_endpoint: { ip: '203.0.113.9' }, dst_endpoint: { ip: '10.1.2.3' }, user: { name: 'admin' } }],
      finding_info: { types: ['access'], analytic: { name: 'Excessive Failed Logins' } },
      unmapped: { src: ['203.0.113.9', '198.51.100.4'], count: '57', app: 'sshd', disposition_label: 'True Positive - Suspicious Activity' },
    });
  });

  it('maps a closed notable as a Close activity that is no longer an alert', () => {
    const record = mapNotableEvent(threat, meta);
    expect(record).toMatchObject({ activity_id: 3, type_uid: 200403, status_id: 4, status: 'Resolved', status_detail: 'Closed', is_alert: false, verdict_id: 1, severity_id: 2 });
    expect(record).toMatchObject({ finding_info: { title: 'Threat Activity Detected', analytic: { uid: 'Threat - Threat List Activity - Rule' } }, device: { hostname: 'malicious.example.net' } });
  });

  it('maps a pending notable with a custom-looking status and only an acting user', () => {
    const record = mapNotableEvent(audit, meta);
    expect(record).toMatchObject({ status_id: 99, status: 'Pending', severity_id: 1, time: Date.parse('2026-05-01T13:45:10.250Z'), evidences: [{ actor: { user: { name: 'svc_backup' } }, dst_endpoint: { hostname: 'dc-01' } }] });
    expect(record).not.toHaveProperty('finding_info.attacks');
  });

  it('refuses a notable without a zoned _time rather than guessing', () => {
    expect(() => mapNotableEvent({ ...audit, _time: '2026-05-01 13:45:10' }, meta)).toThrow(/_time/);
  });
});
