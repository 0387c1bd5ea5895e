import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock } from '@patchbay/conformance';
import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import connector from '../connector.ts';
import { mapIncident } from '../mappers/incident.ts';
import type { PagerDutyIncident } from '../mappers/incident-types.ts';
import { meta } from '../mappers/test-support.ts';
import { handleDelivery } from '../webhook/incident-webhook.ts';
import { startPagerDutySimulator, type PagerDutySimulator } from './index.ts';

const SECRET = 'subscription-secret-from-pagerduty';

describe('the simulated PagerDuty', () => {
  let sim: PagerDutySimulator | undefined;
  let receiver: LocalServer | undefined;
  afterEach(async () => {
    await sim?.close();
    await receiver?.close();
    sim = undefined;
    receiver = undefined;
  });

  const clock = () => new AutoAdvanceClock('2026-05-01T00:00:00Z');
  const enqueue = (body: unknown, path = '/v2/enqueue') => fetch(`${sim!.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
  const trigger = (dedupKey: string) => ({ routing_key: sim!.routingKey, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: `Problem ${dedupKey}`, source: 'web-01', severity: 'critical' } });

  it('keeps one incident per dedup key while it is open; after it is resolved the key opens a new one', async () => {
    sim = await startPagerDutySimulator({ pageSize: 5, clock: clock() });
    expect(await enqueue(trigger('finding-1'))).toEqual({ status: 202, body: { status: 'success', message: 'Event processed', dedup_key: 'finding-1' } });
    await enqueue(trigger('finding-1'));
    await enqueue({ ...trigger('finding-1'), event_action: 'acknowledge', payload: undefined });
    const [first, ...others] = sim.incidentsByDedupKey('finding-1');
    expect([others.length, first!.status, first!.urgency, first!.alert_counts]).toEqual([0, 'acknowledged', 'high', { all: 1, triggered: 1, resolved: 0 }]);
    await enqueue({ routing_key: sim.routingKey, event_action: 'resolve', dedup_key: 'finding-1' }, '/enqueue'); // the path Prism forwards
    await enqueue({ routing_key: sim.routingKey, event_action: 'resolve', dedup_key: 'no-such-alert' }); // dropped
    await enqueue(trigger('finding-1'));
    const incidents = sim.incidentsByDedupKey('finding-1');
    expect(incidents.map((i) => i.status)).toEqual(['resolved', 'triggered']);
    expect(incidents[1]!.id).not.toBe(incidents[0]!.id);
  });

  it('refuses invalid events as the Events API documents (400, invalid event) and applies events after eventDelayMs', async () => {
    const time = clock();
    sim = await startPagerDutySimulator({ pageSize: 5, clock: time, eventDelayMs: 3_000 });
    const bad = await enqueue({ routing_key: 'short', event_action: 'trigger', payload: { summary: '', source: 'x', severity: 'Info' } });
    expect(bad).toEqual({ status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors: ["Length of 'routing_key' is incorrect (should be 32 characters)", "'payload.summary' is missing, blank or longer than 1024 characters", "'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')"] } });
    expect((await enqueue({ routing_key: sim.routingKey, event_action: 'resolve' })).status).toBe(400);
    await enqueue(trigger('later'));
    expect([sim.events.pending, sim.incidentsByDedupKey('later')]).toEqual([1, []]);
    time.advance(3_000);
    expect(sim.incidentsByDedupKey('later').map((i) => i.status)).toEqual(['triggered']);
  });

  it('lets a test act as a responder, and sends PagerDuty\'s signed v3 webhook for each change to the URL it subscribed', async () => {
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    receiver = await startLocalServer((request, response) => {
      received.push({ headers: request.headers, body: request.body });
      response.writeHead(204).end();
    });
    sim = await startPagerDutySimulator({ pageSize: 5, clock: clock() });
    sim.subscribeWebhooks({ url: `${receiver.url}/hook`, secret: SECRET });
    await enqueue(trigger('finding-2'));
    const [incident] = sim.incidentsByDedupKey('finding-2');
    await sim.acknowledge(incident!.id);
    const resolved = await sim.resolve(incident!.id, { by: 'patchbay@acme.example' });
    expect(resolved).toMatchObject({ status: 'resolved', last_status_change_by: { summary: 'Patchbay Bot' }, assignments: [], alert_counts: { triggered: 0, resolved: 1 } });
    await sim.reopen(incident!.id);
    await sim.unacknowledge((await sim.acknowledge(incident!.id)).id);
    await sim.setPriority(incident!.id, 'P2');
    await sim.addNote(incident!.id, 'Looking into it');
    await expect(sim.reopen(incident!.id)).rejects.toThrow(/triggered/);
    await sim.webhooksSettled();
    const types = received.map((r) => (JSON.parse(r.body) as { event: { event_type: string } }).event.event_type);
    expect(types).toEqual(['incident.triggered', 'incident.acknowledged', 'incident.resolved', 'incident.reopened', 'incident.acknowledged', 'incident.unacknowledged', 'incident.priority_updated', 'incident.annotated']);
    expect(sim.webhookDeliveries.map((d) => d.status)).toEqual(Array(8).fill(204));
    for (const r of received) {
      expect(r.headers['x-pagerduty-signature']).toBe(`v1=${createHmac('sha256', SECRET).update(r.body).digest('hex')}`);
      expect(r.headers).toMatchObject({ 'content-type': 'application/json', 'x-webhook-id': expect.any(String), 'x-webhook-subscription': expect.any(String) });
    }
    // The resolved delivery, through the connector's handler, is the record the ticket engine reads.
    const delivery = handleDelivery({ method: 'POST', headers: {}, query: {}, body: JSON.parse(received[2]!.body), rawBody: received[2]!.body, receivedAt: new Date() });
    const record = (delivery.records![0]!.records as PagerDutyIncident[])[0]!;
    expect(connector.ticket!.statusOf(mapIncident(record, meta))).toBe('resolved');
    expect(record.id).toBe(incident!.id);
  });

  it('hands signed deliveries to a deliver function when the receiver listens on no port', async () => {
    sim = await startPagerDutySimulator({ pageSize: 5, clock: clock() });
    const got: { headers: Readonly<Record<string, string>>; body: string }[] = [];
    sim.subscribeWebhooks({ secret: SECRET, events: ['incident.resolved'], deliver: async (webhook) => (got.push(webhook), 202) });
    expect(() => sim!.subscribeWebhooks({ secret: SECRET })).toThrow(/url or a deliver/);
    await enqueue(trigger('finding-3'));
    const [incident] = sim.incidentsByDedupKey('finding-3');
    await sim.resolve(incident!.id);
    expect(got).toHaveLength(1);
    expect(got[0]!.headers['x-pagerduty-signature']).toBe(`v1=${createHmac('sha256', SECRET).update(got[0]!.body).digest('hex')}`);
    expect(JSON.parse(got[0]!.body)).toMatchObject({ event: { event_type: 'incident.resolved', data: { id: incident!.id, status: 'resolved', incident_key: 'finding-3' } } });
    expect(sim.webhookDeliveries.map((d) => [d.eventType, d.status])).toEqual([['incident.resolved', 202]]);
  });

  it('seeds and mutates the incidents stream: open incidents move on, new ones trigger, nothing is deleted', async () => {
    sim = await startPagerDutySimulator({ pageSize: 2, clock: clock() });
    sim.seed('incidents', { count: 5, equalTimestampsAtBoundary: true });
    const seeded = sim.records('incidents') as PagerDutyIncident[];
    expect(seeded.map((i) => i.status)).toEqual(['triggered', 'acknowledged', 'resolved', 'triggered', 'acknowledged']);
    expect([seeded[1]!.created_at === seeded[2]!.created_at, seeded[3]!.created_at === seeded[4]!.created_at]).toEqual([true, true]);
    sim.mutate!('incidents', { create: 1, update: 2 });
    expect((sim.records('incidents') as PagerDutyIncident[]).map((i) => i.status)).toEqual(['acknowledged', 'resolved', 'resolved', 'triggered', 'acknowledged', 'triggered']);
    expect(() => sim!.mutate!('incidents', { delete: 1 })).toThrow(/cannot be deleted/);
  });
});
