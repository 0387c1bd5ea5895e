import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateRecord } from '@patchbay/ocsf';
import type { WebhookRequest } from '@patchbay/sdk';
import connector from '../connector.ts';
import { mapIncident } from '../mappers/incident.ts';
import type { PagerDutyIncident } from '../mappers/incident-types.ts';
import { fixture, meta } from '../mappers/test-support.ts';
import { pagerDutySignature } from '../simulator/index.ts';
import { handleDelivery } from './incident-webhook.ts';

// Hand-written deliveries following PagerDuty's documented v3 payloads (fixtures/webhook-deliveries.json).
const [resolvedBody, noteBody] = fixture('webhook-deliveries.json').exchanges.map((e) => e.request.body!.json);
const request = (body: unknown): WebhookRequest => ({ method: 'POST', headers: {}, query: {}, body, rawBody: JSON.stringify(body), receivedAt: new Date('2026-04-30T11:05:11Z') });

describe('pagerduty v3 webhooks', () => {
  it('turns an incident.resolved delivery into an incidents record in the REST shape, which maps and reads back as resolved', () => {
    const result = handleDelivery(request(resolvedBody));
    expect(result.records).toHaveLength(1);
    const { stream, records } = (result.records as { stream: string; records: PagerDutyIncident[] }[])[0]!;
    expect(stream).toBe('incidents');
    expect(records[0]).toMatchObject({
      id: 'Q2MK3OKZ8ZX4PA',
      incident_number: 1203,
      status: 'resolved',
      incident_key: 'patchbay:rule-9:finding-c1d2',
      assignments: [],
      updated_at: '2026-04-30T11:05:10.480Z',
      last_status_change_at: '2026-04-30T11:05:10.480Z',
      resolved_at: '2026-04-30T11:05:10.480Z',
      webhook_event: { id: '01DEN4HPBQAKJ8RVPG0WTCRWJJ', event_type: 'incident.resolved', agent: { id: 'PXPGF42' } },
    });
    expect(records[0]).not.toHaveProperty('number');
    const mapped = mapIncident(records[0]!, meta);
    expect(validateRecord(mapped, { warnings: false })).toEqual({ valid: true, warnings: [] });
    expect(connector.ticket!.statusOf(mapped)).toBe('resolved');
    expect(mapped).toMatchObject({ status_id: 4, time: Date.parse('2026-04-30T11:05:10.480Z'), priority: 'Medium' });
  });

  it('stores nothing for events without incident state (a note), pings, or bodies that are not PagerDuty events', () => {
    expect(handleDelivery(request(noteBody))).toEqual({});
    expect(handleDelivery(request({ event: { event_type: 'pagey.ping', resource_type: 'pagey', occurred_at: '2026-04-30T11:00:00Z', data: { message: 'Hello from your friend Pagey!', type: 'ping' } } }))).toEqual({});
    expect(handleDelivery(request('not json'))).toEqual({});
    expect(handleDelivery(request({ event: { resource_type: 'incident', occurred_at: 'x', data: { type: 'incident', id: 'Q1' } } }))).toEqual({});
  });

  it('declares PagerDuty\'s signature scheme (X-PagerDuty-Signature: v1=<hex HMAC-SHA256 of the body>), with the secret from PagerDuty', () => {
    const webhook = connector.webhook!;
    expect(webhook).toMatchObject({ verification: { kind: 'hmac-sha256', header: 'x-pagerduty-signature', encoding: 'hex', prefix: 'v1=' }, secretSource: 'vendor', streams: ['incidents'] });
    // The declared scheme, computed as the engine does, gives the header the simulated PagerDuty sends.
    const body = JSON.stringify(resolvedBody);
    const secret = 'ChNFIJp5Y8HmROKyZCMyD0kJ+3Qd8mS1';
    const { prefix, encoding } = webhook.verification as { prefix: string; encoding: 'hex' };
    expect(pagerDutySignature(secret, body)).toBe(prefix + createHmac('sha256', secret).update(body).digest(encoding));
    expect(pagerDutySignature(secret, body)).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(pagerDutySignature('another secret', body)).not.toBe(pagerDutySignature(secret, body));
  });
});
