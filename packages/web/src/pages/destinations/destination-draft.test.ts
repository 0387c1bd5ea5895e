import { describe, expect, it } from 'vitest';
import type { Destination } from '../../api/types.ts';
import { fromDestination, NEW_DESTINATION, toDestinationInput, toDestinationUpdate, type DestinationDraft } from './destination-draft.ts';

const instance = '9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f';
const source = '5a4f0d1e-2b1c-4a53-8a8e-0e7f1d2c3b4a';
const ready: DestinationDraft = { ...NEW_DESTINATION, name: 'SOC', instanceId: instance, format: 'cef' };

describe('the destination form', () => {
  it('builds a destination with its filter, and only the options of its format', () => {
    expect(toDestinationInput({ ...ready, eventType: 'finding.*', sourceInstanceId: source, filter: { classUids: '2004', severityAtLeast: '4', tags: '', predicate: '' }, template: 'left over', index: 'main' })).toEqual({
      name: 'SOC',
      instance_id: instance,
      format: 'cef',
      event_type: 'finding.*',
      source_instance_id: source,
      filter_criteria: { class_uids: [2004], severity_at_least: 4 },
      is_active: true,
    });
    expect(toDestinationInput({ ...ready, format: 'splunk-hec', index: ' security ', sourcetype: '' }).format_options).toEqual({ index: 'security' });
    expect(toDestinationInput({ ...ready, format: 'jsonata', template: '{ "uid": record.finding_info.uid }' }).format_options).toEqual({ template: '{ "uid": record.finding_info.uid }' });
    expect(toDestinationUpdate(toDestinationInput(ready))).not.toHaveProperty('instance_id');
  });
  it('names what is missing or wrong', () => {
    expect(() => toDestinationInput(NEW_DESTINATION)).toThrow(/Name the destination/);
    expect(() => toDestinationInput({ ...ready, instanceId: '' })).toThrow(/integration the events are sent through/);
    expect(() => toDestinationInput({ ...ready, format: '' })).toThrow(/format the receiver takes/);
    expect(() => toDestinationInput({ ...ready, eventType: ' ' })).toThrow(/event type/);
    expect(() => toDestinationInput({ ...ready, format: 'jsonata' })).toThrow(/needs a template/);
    expect(() => toDestinationInput({ ...ready, filter: { ...ready.filter, severityAtLeast: '9' } })).toThrow();
  });
  it('reads a stored destination back unchanged', () => {
    for (const draft of [ready, { ...ready, format: 'splunk-hec' as const, index: 'main', sourcetype: 'ocsf', sourceInstanceId: source, isActive: false, filter: { classUids: '', severityAtLeast: '', tags: 'prod', predicate: 'true' } }, { ...ready, format: 'jsonata' as const, template: 'data' }]) {
      const body = toDestinationInput(draft);
      const stored = { id: 'd', name: body.name, instance_id: body.instance_id, format: body.format!, format_options: body.format_options ?? {}, event_type: body.event_type!, source_instance_id: body.source_instance_id ?? null, filter_criteria: body.filter_criteria ?? {}, is_active: body.is_active ?? true } as unknown as Destination;
      expect(toDestinationInput(fromDestination(stored))).toEqual(body);
    }
  });
});
