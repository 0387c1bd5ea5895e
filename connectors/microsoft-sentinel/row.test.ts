import { describe, expect, it } from 'vitest';
import { sampleOcsfRecords } from '@patchbay/conformance/destination';
import { PatchbayError } from '@patchbay/types';
import { rowOf } from './row.ts';
import { eventsIn, INSTANCE } from './testing/events.ts';

describe('the row of an event', () => {
  it('ocsf-json: TimeGenerated, EventId, EventType and SourceInstanceId, then every top-level OCSF attribute as a column', async () => {
    const [detection, finding] = await eventsIn('ocsf-json', 2);
    const row = rowOf(detection!, 'ocsf-json');
    expect(row).toMatchObject({ TimeGenerated: '2026-05-01T10:00:01.000Z', EventId: detection!.id, EventType: 'record.created', SourceInstanceId: INSTANCE });
    const { TimeGenerated: _t, EventId: _e, EventType: _y, SourceInstanceId: _s, ...ocsf } = row;
    expect(ocsf).toEqual(sampleOcsfRecords.detection);
    expect(rowOf(finding!, 'ocsf-json')).toMatchObject({ class_uid: sampleOcsfRecords.finding.class_uid, finding_info: sampleOcsfRecords.finding.finding_info, cloud: sampleOcsfRecords.finding.cloud });
    // Column names a DCR can declare: a letter first, then letters, digits and underscores.
    for (const name of Object.keys(row)) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]{0,44}$/);
  });

  it('ocsf-json: an event without an OCSF record carries its data object', () => {
    const event = { id: 'e1', seq: 7, type: 'destination.failing', occurredAt: new Date('2026-05-01T00:00:00Z'), instanceId: null, severityId: null, body: { type: 'destination.failing', timestamp: '2026-05-01T00:00:00.000Z', data: { destination_id: 'd1' } } };
    expect(rowOf(event, 'ocsf-json')).toEqual({ TimeGenerated: '2026-05-01T00:00:00.000Z', EventId: 'e1', EventType: 'destination.failing', SourceInstanceId: null, data: { destination_id: 'd1' } });
  });

  it('jsonata: the object the template gives is the row as it is', async () => {
    const [event] = await eventsIn('jsonata', 1, { template: '{ "TimeGenerated": timestamp, "Title": record.finding_info.title, "Severity": record.severity_id }' });
    expect(rowOf(event!, 'jsonata')).toEqual({ TimeGenerated: '2026-05-01T10:00:01.000Z', Title: sampleOcsfRecords.detection.finding_info && (sampleOcsfRecords.detection.finding_info as { title: string }).title, Severity: sampleOcsfRecords.detection.severity_id });
  });

  it('jsonata: a template giving text cannot be a row', async () => {
    const [event] = await eventsIn('jsonata', 1, { template: '"sev=" & record.severity_id' });
    expect(() => rowOf(event!, 'jsonata')).toThrow(PatchbayError);
    try {
      rowOf(event!, 'jsonata');
    } catch (error) {
      expect(error).toMatchObject({ code: 'DESTINATION_FORMAT_FAILED', details: { event_id: event!.id } });
      expect((error as PatchbayError).hint).toMatch(/return an object/);
    }
  });
});
