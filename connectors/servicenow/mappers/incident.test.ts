import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import { fixtureRecords, meta } from '../testing/fixtures.ts';
import { servicenowTicketing } from '../tickets/ticketing.ts';
import { mapIncident } from './incident.ts';

// Hand-written incidents following the Table API's documented format (fixtures/incidents-first-page.json):
// no ServiceNow payloads are among ../shared/vendor/samples.
const [opened, resolved, canceled, custom] = fixtureRecords('incidents-first-page.json').map((r) => mapIncident(r, meta('incidents'))) as Record<string, unknown>[];

describe('mapIncident (OCSF Incident Finding 2005)', () => {
  it('maps every hand-written incident to a valid Incident Finding', () => {
    for (const record of [opened, resolved, canceled, custom]) expect(validateRecord(record as never), JSON.stringify(record)).toMatchObject({ valid: true });
  });

  it('maps a new incident Patchbay opened: ids, state, scales, times, CI, correlation id; unassigned gets the placeholder assignee', () => {
    expect(opened).toMatchObject({
      class_uid: 2005,
      activity_id: 1,
      type_uid: 200501,
      status: 'New',
      status_id: 1,
      priority_id: 4,
      priority: 'Critical',
      impact_id: 3,
      severity_id: 2,
      severity: 'Low',
      time: Date.UTC(2026, 3, 30, 8, 15, 2),
      start_time: Date.UTC(2026, 3, 30, 8, 15, 2),
      message: 'Critical vulnerability CVE-2024-3094 on lnx-0007',
      finding_info_list: [{ uid: '9d385017c611228701d22104cc95c371', uid_alt: 'INC0010042', types: ['Security'] }],
      tickets: [{ uid: 'INC0010042', status: 'New', status_id: 1, type_id: 2 }],
      assignee: { name: 'Unassigned', type_id: 0 },
      device: { uid: 'b4fd7c8437201000deeabfc8bcbe5dc1', name: 'lnx-0007' },
      metadata: { uid: '9d385017c611228701d22104cc95c371', correlation_uid: 'patchbay:ticket:7f0c1d2e', original_time: '2026-04-30 08:15:02', profiles: ['host'], product: { name: 'ServiceNow' } },
    });
    expect(opened).not.toHaveProperty('assignee_group');
    expect(opened).not.toHaveProperty('end_time');
    // What has no OCSF home stays, with ServiceNow's own labels: urgency, the raw scales, custom fields.
    expect(opened!.unmapped).toMatchObject({ urgency: { value: '1', display_value: '1 - High' }, priority: { display_value: '1 - Critical' }, u_risk_score: { value: '9.8' } });
  });

  it('maps a resolved incident: assignee and group, resolution code as status detail, notes as comment', () => {
    expect(resolved).toMatchObject({
      activity_id: 2,
      status: 'Resolved',
      status_id: 4,
      priority_id: 2,
      priority: 'Medium',
      assignee: { uid: '46d44a23a9fe19810012d100cca80666', name: 'Beth Anglin' },
      assignee_group: { uid: '287ebd7da9fe198100f92cc8d1d2154e', name: 'Network' },
      status_detail: 'Solution provided',
      comment: 'Replaced the flapping uplink.',
      tickets: [{ status_id: 5 }],
    });
    expect(resolved).not.toHaveProperty('device');
  });

  it('maps Canceled as OCSF status Other (the vendor name kept) with a Close activity and an end time; a state the instance added likewise by its label', () => {
    expect(canceled).toMatchObject({ activity_id: 3, status: 'Canceled', status_id: 99, end_time: Date.UTC(2026, 3, 28, 9, 30, 0), priority_id: 1, priority: 'Low', tickets: [{ status_id: 7 }] });
    expect(custom).toMatchObject({ status: 'Awaiting Approval', status_id: 99, severity_id: 4, tickets: [{ status_id: 99 }] });
  });

  it("gives the ticket declaration's statusOf the state name, which the status table maps", () => {
    const statuses = [opened, resolved, canceled, custom].map((r) => servicenowTicketing.statusOf(r!));
    expect(statuses).toEqual(['New', 'Resolved', 'Canceled', 'Awaiting Approval']);
    expect(statuses.map((s) => servicenowTicketing.statuses[s!])).toEqual(['open', 'resolved', 'closed', undefined]);
    expect(servicenowTicketing.statusOf({})).toBeNull();
  });

  it('refuses a record in another time format rather than guess a zone', () => {
    const [raw] = fixtureRecords('incidents-first-page.json');
    expect(() => mapIncident({ ...raw, sys_updated_on: { value: '04/30/2026 08:15:02', display_value: '' } }, meta('incidents'))).toThrow(/yyyy-MM-dd HH:mm:ss/);
  });
});
