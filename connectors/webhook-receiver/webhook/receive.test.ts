import { readFileSync } from 'node:fs';
import type { WebhookRequest } from '@patchbay/sdk';
import { describe, expect, it } from 'vitest';
import { config } from '../config.ts';
import type { ReceivedEvent } from './received-event.ts';
import { receive } from './receive.ts';
import { handleDelivery } from './receiver-webhook.ts';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const receivedAt = new Date('2026-05-01T12:00:05Z');

function request(body: unknown, headers: Record<string, string> = {}): WebhookRequest {
  return { method: 'POST', headers, query: {}, body, rawBody: typeof body === 'string' ? body : JSON.stringify(body), receivedAt };
}

function eventsOf(result: ReturnType<typeof receive>): ReceivedEvent[] {
  expect(result.records?.map((batch) => batch.stream)).toEqual(['events']);
  return result.records![0]!.records as ReceivedEvent[];
}

describe('receive', () => {
  it('takes a Standard Webhooks delivery with its id, type and timestamp (hand-written fixture)', () => {
    const body = fixture('standard-webhooks-event.json');
    const result = receive(request(body, { 'webhook-id': 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W' }), config.parse({ source_name: 'Acme CRM' }));
    expect(result.response).toEqual({ status: 202, body: { received: 1 } });
    expect(eventsOf(result)).toEqual([
      {
        id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
        source: 'Acme CRM',
        event_type: 'contact.created',
        time: '2022-11-03T20:26:10.344522Z',
        severity: null,
        received_at: '2026-05-01T12:00:05.000Z',
        delivery_id: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
        sender: 'standard-webhooks',
        payload: body,
      },
    ]);
  });

  it('splits an array at record_path into records with their own ids, times and severities (hand-written fixture)', () => {
    const settings = config.parse({ record_path: 'data.alerts', id_field: 'alert_id', time_field: 'raised_at', severity_field: 'level', event_type_field: 'rule' });
    const events = eventsOf(receive(request(fixture('batch-alerts.json')), settings));
    expect(events.map((e) => [e.id, e.time, e.severity, e.event_type])).toEqual([
      ['al-1001', 1777636800, 'High', 'Impossible travel'],
      ['al-1002', 1777636860, 'low', 'New device'],
      ['al-1003', '2026-05-01T12:02:00+02:00', 'severe', 'Mass download'],
    ]);
  });

  it('numbers the records of an array delivery after the delivery id when no id field is set', () => {
    const body = [{ n: 1 }, { n: 2 }];
    expect(eventsOf(receive(request(body, { 'webhook-id': 'msg_1' }), config.parse({}))).map((e) => e.id)).toEqual(['msg_1:0', 'msg_1:1']);
  });

  it('identifies records without any id by their content, whatever the key order', () => {
    const settings = config.parse({});
    const [first] = eventsOf(receive(request({ a: 1, b: { c: [1, 2], d: 'x' } }), settings));
    const [same] = eventsOf(receive(request({ b: { d: 'x', c: [1, 2] }, a: 1 }), settings));
    const [other] = eventsOf(receive(request({ a: 2, b: { c: [1, 2], d: 'x' } }), settings));
    expect(first!.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(same!.id).toBe(first!.id);
    expect(other!.id).not.toBe(first!.id);
  });

  it('leaves the id empty when the configured id field is missing, so the engine rejects the record with its reason', () => {
    const events = eventsOf(receive(request([{ uid: 'a' }, { other: 1 }]), config.parse({ id_field: 'uid' })));
    expect(events.map((e) => e.id)).toEqual(['a', '']);
  });

  it('reads a Slack event callback and echoes the URL verification challenge (hand-written fixtures)', () => {
    const settings = config.parse({ source_name: 'Slack' });
    const slack = { 'x-slack-request-timestamp': '1360782805' };
    const [event] = eventsOf(receive(request(fixture('slack-event-callback.json'), slack), settings));
    expect(event).toMatchObject({ id: 'Ev123ABC456', event_type: 'reaction_added', time: 1360782804, sender: 'slack' });
    const challenge = receive(request(fixture('slack-url-verification.json'), slack), settings);
    expect(challenge).toEqual({ response: { status: 200, body: { challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' } } });
    // Only a call from Slack is answered as a handshake; from another sender it is an ordinary record.
    expect(eventsOf(receive(request(fixture('slack-url-verification.json')), settings))).toHaveLength(1);
  });

  it('answers 415 to a body that is not JSON and 422 when record_path is not in it', () => {
    expect(receive(request('plain text'), config.parse({}))).toEqual({ response: { status: 415, body: { error: 'The body must be a JSON object or array' } } });
    expect(receive(request({ data: {} }), config.parse({ record_path: 'data.items' }))).toEqual({
      response: { status: 422, body: { error: 'record_path "data.items" is not in the body' } },
    });
  });

  it('is what the declared handler runs, with the stored instance configuration or the defaults', () => {
    const body = [{ key: 'k1' }];
    expect(eventsOf(handleDelivery(request(body), { id_field: 'key', source_name: 'Acme' }))).toMatchObject([{ id: 'k1', source: 'Acme' }]);
    expect(eventsOf(handleDelivery(request(body, { 'webhook-id': 'msg_7' })))).toMatchObject([{ id: 'msg_7', source: 'Webhook' }]);
    expect(() => handleDelivery(request(body), { record_path: 'a..b' })).toThrow();
  });
});
