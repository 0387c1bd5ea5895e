import { describe, expect, it } from 'vitest';
import { describeAction, fromSubscription, NEW_SUBSCRIPTION, toSubscriptionInput } from './subscription-draft.ts';

const endpoint = '5a4f0d1e-2b1c-4a53-8a8e-0e7f1d2c3b4a';
const instance = '9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f';

describe('the subscription form', () => {
  it('builds a webhook subscription with its filter', () => {
    expect(toSubscriptionInput({ ...NEW_SUBSCRIPTION, name: 'critical detections', eventType: 'finding.created', endpointId: endpoint, filter: { classUids: '2004', severityAtLeast: '5', tags: '', predicate: '' } })).toEqual({
      name: 'critical detections',
      event_type: 'finding.created',
      instance_id: null,
      filter_criteria: { class_uids: [2004], severity_at_least: 5 },
      action_type: 'webhook',
      action_config: { endpoint_id: endpoint },
      is_active: true,
    });
  });
  it('builds sync and action subscriptions', () => {
    expect(toSubscriptionInput({ ...NEW_SUBSCRIPTION, actionType: 'sync', targetInstanceId: instance, stream: 'hosts' }).action_config).toEqual({ instance_id: instance, stream: 'hosts' });
    expect(toSubscriptionInput({ ...NEW_SUBSCRIPTION, actionType: 'action', targetInstanceId: instance, action: 'contain-host', actionInput: '{"device_id":"=data.record.device.uid"}' }).action_config).toEqual({ instance_id: instance, action: 'contain-host', input: { device_id: '=data.record.device.uid' } });
  });
  it('names what is missing or wrong', () => {
    expect(() => toSubscriptionInput(NEW_SUBSCRIPTION)).toThrow(/webhook endpoint/);
    expect(() => toSubscriptionInput({ ...NEW_SUBSCRIPTION, eventType: ' ' })).toThrow(/event type/);
    expect(() => toSubscriptionInput({ ...NEW_SUBSCRIPTION, actionType: 'sync' })).toThrow(/integration that syncs/);
    expect(() => toSubscriptionInput({ ...NEW_SUBSCRIPTION, actionType: 'action', targetInstanceId: instance, action: 'x', actionInput: '{' })).toThrow(/action input is not valid JSON/);
    expect(() => toSubscriptionInput({ ...NEW_SUBSCRIPTION, endpointId: endpoint, filter: { ...NEW_SUBSCRIPTION.filter, classUids: 'abc' } })).toThrow(/not an OCSF class uid/);
  });
  it('reads a stored subscription back unchanged', () => {
    for (const draft of [
      { ...NEW_SUBSCRIPTION, name: 'w', endpointId: endpoint, filter: { classUids: '2004', severityAtLeast: '5', tags: 'prod', predicate: 'true' } },
      { ...NEW_SUBSCRIPTION, name: 'a', actionType: 'action' as const, targetInstanceId: instance, action: 'contain-host', actionInput: '{"device_id":"x"}', sourceInstanceId: instance },
    ]) {
      const body = toSubscriptionInput(draft);
      const stored = { id: 's', name: body.name ?? '', instance_id: body.instance_id ?? null, event_type: body.event_type, filter_criteria: body.filter_criteria ?? {}, action_type: body.action_type, action_config: body.action_config ?? {}, is_active: body.is_active ?? true, created_by: null, created_at: '', updated_at: '' };
      expect(toSubscriptionInput(fromSubscription(stored))).toEqual(body);
    }
  });
  it('says what a subscription does', () => {
    const names = { endpoint: (id: string) => `E(${id})`, instance: (id: string) => `I(${id})` };
    expect(describeAction('webhook', { endpoint_id: 'e' }, names)).toBe('sends to E(e)');
    expect(describeAction('sync', { instance_id: 'i', stream: 's' }, names)).toBe('syncs I(i) (stream s)');
    expect(describeAction('action', { instance_id: 'i', action: 'a' }, names)).toBe('runs a on I(i)');
  });
});
