import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import type { GraphIncident } from '../vendor.ts';
import { mapIncident } from './incident.ts';
import { fixtureItems, meta } from './test-support.ts';

const incidents = fixtureItems<GraphIncident>('incidents-pages.json');

describe('incident mapper (Graph incidents → OCSF Incident Finding)', () => {
  it('maps the hand-written incidents to valid Incident Findings', () => {
    expect(incidents).toHaveLength(3);
    for (const incident of incidents) expect(validateRecord(mapIncident(incident, meta), { warnings: false })).toEqual({ valid: true, warnings: [] });
  });

  it('maps the incident, its status, severity, verdict, owner and link; keeps comments and tags under unmapped', () => {
    expect(mapIncident(incidents[0]!, meta)).toEqual({
      class_uid: 2005,
      category_uid: 2,
      activity_id: 2,
      activity_name: 'Update',
      type_uid: 200502,
      severity_id: 3,
      severity: 'Medium',
      status_id: 1,
      status: 'New',
      verdict_id: 2,
      verdict: 'True Positive',
      status_detail: 'multiStagedAttack',
      time: Date.parse('2021-09-30T09:35:45.1133333Z'),
      message: incidents[0]!.displayName,
      desc: incidents[0]!.description,
      src_url: incidents[0]!.incidentWebUrl,
      finding_info_list: [
        {
          uid: '2972395',
          title: incidents[0]!.displayName,
          desc: incidents[0]!.description,
          created_time: Date.parse('2021-08-13T08:43:35.5533333Z'),
          modified_time: Date.parse('2021-09-30T09:35:45.1133333Z'),
          src_url: incidents[0]!.incidentWebUrl,
        },
      ],
      assignee: { name: 'KaiC@contoso.onmicrosoft.com' },
      metadata: {
        version: '1.9.0-dev',
        uid: '2972395',
        product: { name: 'Microsoft Defender XDR', vendor_name: 'Microsoft' },
        tenant_uid: 'b3c1b5fc-828c-45fa-a1e1-10d74f6d6e9c',
        original_time: '2021-09-30T09:35:45.1133333Z',
      },
      unmapped: { '@odata.type': '#microsoft.graph.security.incident', redirectIncidentId: null, customTags: ['Demo'], comments: incidents[0]!.comments },
    });
  });

  it('maps redirected as Other, an unknown severity as Other, an unassigned incident, and a resolved one as Close', () => {
    expect(mapIncident(incidents[1]!, meta)).toMatchObject({ activity_id: 1, status_id: 99, status: 'redirected', severity_id: 99, severity: 'unknownFutureValue', assignee: { name: 'Unassigned' }, unmapped: { redirectIncidentId: '2972395' } });
    expect(mapIncident(incidents[2]!, meta)).toMatchObject({ activity_id: 3, status_id: 4, verdict_id: 1, status_detail: 'notMalicious', severity_id: 2 });
  });
});
