import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '../../components/filter-criteria.ts';
import { NEW_SUBSCRIPTION } from './subscription-draft.ts';
import { testBody } from './subscription-tester.tsx';

describe('the subscription test body', () => {
  const draft = { ...NEW_SUBSCRIPTION, eventType: ' finding.created ', sourceInstanceId: '', filter: { ...EMPTY_FILTER, classUids: '2004', severityAtLeast: '4' } };

  it('sends the draft without an event to test against the latest one of its type', () => {
    expect(testBody(draft, '  ')).toEqual({ event_type: 'finding.created', instance_id: null, filter_criteria: { class_uids: [2004], severity_at_least: 4 } });
  });

  it('sends a pasted event, and refuses one that is not a JSON object', () => {
    const event = { type: 'finding.created', timestamp: '2026-11-22T10:00:00Z', data: { class_uid: 2004 } };
    expect(testBody(draft, JSON.stringify(event)).event).toEqual(event);
    expect(() => testBody(draft, '{ "type": ')).toThrow(/not valid JSON/);
    expect(() => testBody(draft, '[1]')).toThrow(/JSON object/);
  });
});
