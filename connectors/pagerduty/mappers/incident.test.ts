import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import type { PagerDutyIncident } from './incident-types.ts';
import { mapIncident } from './incident.ts';
import { fixture, meta } from './test-support.ts';

// No PagerDuty payloads exist under ../shared/vendor/samples: fixtures/incidents-sync.json is hand-written,
// following the REST API's documented incident (its example in REST.openapiv3.json).
const incidents = fixture('incidents-sync.json').exchanges.flatMap((e) => (e.response.body!.json as { incidents: PagerDutyIncident[] }).incidents);

describe('incident mapper (PagerDuty incidents → OCSF Incident Finding)', () => {
  it('maps the hand-written incidents to valid Incident Findings', () => {
    expect(incidents.map((i) => i.status)).toEqual(['triggered', 'acknowledged', 'resolved']);
    for (const incident of incidents) expect(validateRecord(mapIncident(incident, meta), { warnings: false })).toEqual({ valid: true, warnings: [] });
  });

  it('maps a triggered incident: finding, status (with PagerDuty\'s name in status_code), urgency, priority, assignee, escalation policy, link', () => {
    const [triggered] = incidents;
    const { unmapped, ...mapped } = mapIncident(triggered!, meta) as Record<string, unknown>;
    expect(mapped).toEqual({
      class_uid: 2005,
      category_uid: 2,
      activity_id: 1,
      type_uid: 200501,
      severity_id: 4,
      severity: 'High',
      status_id: 1,
      status: 'New',
      status_code: 'triggered',
      priority_id: 4,
      priority: 'Critical',
      time: Date.parse('2026-04-30T08:00:00Z'),
      message: triggered!.title,
      src_url: 'https://acme.pagerduty.com/incidents/Q0RIJJZL24RC6W',
      start_time: Date.parse('2026-04-30T08:00:00Z'),
      finding_info_list: [{ uid: 'Q0RIJJZL24RC6W', title: triggered!.title, uid_alt: '1201', created_time: Date.parse('2026-04-30T08:00:00Z'), modified_time: Date.parse('2026-04-30T08:00:00Z'), src_url: 'https://acme.pagerduty.com/incidents/Q0RIJJZL24RC6W' }],
      assignee: { uid: 'PXPGF42', name: 'Earline Greenholt', type_id: 1, type: 'User' },
      assignee_group: { uid: 'PT20YPA', name: 'Security On-Call', type: 'Escalation Policy' },
      metadata: { version: expect.any(String), uid: 'Q0RIJJZL24RC6W', product: { name: 'PagerDuty', vendor_name: 'PagerDuty' }, original_time: '2026-04-30T08:00:00Z' },
    });
    // Nothing is dropped: the dedup key, service, teams, the priority's account name, alert counts...
    expect(unmapped).toMatchObject({ incident_key: 'patchbay:rule-7:finding-0f3a', service: { id: 'PIJ90N7' }, teams: [{ id: 'PQ9K7I8' }], priority: { summary: 'P1' }, alert_counts: { triggered: 1 }, summary: '[#1201] Critical vulnerability CVE-2026-1234 on web-01.acme.example', type: 'incident' });
  });

  it('an acknowledged incident is an update In Progress with low urgency; a resolved one a close with its end time', () => {
    const acknowledged = mapIncident(incidents[1]!, meta);
    expect(acknowledged).toMatchObject({ activity_id: 2, type_uid: 200502, status_id: 2, status: 'In Progress', status_code: 'acknowledged', severity_id: 2, severity: 'Low', time: Date.parse('2026-04-30T09:20:42Z') });
    expect(acknowledged).not.toHaveProperty('priority_id');
    const resolved = mapIncident(incidents[2]!, meta);
    expect(resolved).toMatchObject({ activity_id: 3, type_uid: 200503, status_id: 4, status: 'Resolved', status_code: 'resolved', priority_id: 2, priority: 'Medium', end_time: Date.parse('2026-04-30T11:05:10Z') });
    // Resolved incidents have no assignments: the escalation policy is the OCSF assignee group.
    expect(resolved).not.toHaveProperty('assignee');
    expect(resolved).toMatchObject({ assignee_group: { uid: 'PT20YPA' } });
  });

  it('keeps values outside PagerDuty\'s documented scales as Other, with the value, and still validates', () => {
    const odd = { ...incidents[0]!, status: 'snoozed', urgency: 'medium', priority: { id: 'PX', type: 'priority_reference', summary: 'SEV-1' }, escalation_policy: undefined, assignments: [] } as PagerDutyIncident;
    const mapped = mapIncident(odd, meta);
    expect(mapped).toMatchObject({ status_id: 99, status: 'snoozed', status_code: 'snoozed', severity_id: 99, severity: 'medium', priority_id: 99, priority: 'SEV-1', assignee: { name: 'Unassigned', type_id: 0 } });
    expect(validateRecord(mapped, { warnings: false })).toEqual({ valid: true, warnings: [] });
  });
});
