import { afterEach, describe, expect, it } from 'vitest';
import { ticketStatusOf } from '@patchbay/sdk';
import connector from '../connector.ts';
import { testBed, type TestBed } from '../testing/test-bed.ts';

const ticket = connector.ticket!;
const KEY = 'patchbay:rule-7:finding-0f3a';

describe('pagerduty ticket update and get against the simulated account', () => {
  let bed: TestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  async function opened(options: Parameters<typeof testBed>[0] = {}) {
    bed = await testBed(options);
    const state = await ticket.create(bed.context(), { dedupKey: KEY, title: 'Exposed S3 bucket', description: '', priority: 2, fields: {}, labels: [] });
    return { bed, key: state.key, sim: bed.sim };
  }

  it('moves the incident through the status table: acknowledge and resolve events by dedup key, reopen through the REST API', async () => {
    const { bed, key, sim } = await opened({ eventDelayMs: 1_500 });
    const ctx = bed.context();
    const acknowledged = await ticket.update(ctx, key, { status: 'in_progress', dedupKey: KEY });
    expect([acknowledged.key, acknowledged.status, ticketStatusOf(ticket.statuses, acknowledged.status).status]).toEqual([key, 'acknowledged', 'in_progress']);
    const resolved = await ticket.update(ctx, key, { status: 'resolved', dedupKey: KEY });
    expect([resolved.status, ticketStatusOf(ticket.statuses, resolved.status).status]).toEqual(['resolved', 'resolved']);
    expect(sim.events.received.map((e) => [e.event_action, e.dedup_key])).toEqual([['trigger', KEY], ['acknowledge', KEY], ['resolve', KEY]]);
    // Reopened, the same incident (same key) triggers again: PUT status triggered as the From user.
    const reopened = await ticket.update(ctx, key, { status: 'open', dedupKey: KEY });
    expect([reopened.key, reopened.status]).toEqual([key, 'triggered']);
    expect(sim.requests.filter((r) => r.method === 'PUT' && r.path === `/incidents/${key}`)).toHaveLength(2); // priority, reopen
    // Its alert stayed resolved: the Events API cannot reach it any more, so the move goes through the REST API.
    const again = await ticket.update(ctx, key, { status: 'closed', dedupKey: KEY });
    expect(again.status).toBe('resolved');
    expect(sim.events.received).toHaveLength(3);
    expect(sim.incidentsByDedupKey(KEY)).toHaveLength(1);
  });

  it('on_hold acknowledges; open on an acknowledged incident leaves it acknowledged; a resolved one cannot be acknowledged', async () => {
    const { bed, key, sim } = await opened();
    const ctx = bed.context();
    await expect(ticket.update(ctx, key, { status: 'on_hold', dedupKey: KEY })).resolves.toMatchObject({ status: 'acknowledged' });
    await expect(ticket.update(ctx, key, { status: 'open', dedupKey: KEY })).resolves.toMatchObject({ status: 'acknowledged' });
    await expect(ticket.update(ctx, key, { status: 'in_progress', dedupKey: KEY })).resolves.toMatchObject({ status: 'acknowledged' });
    expect(sim.events.received.map((e) => e.event_action)).toEqual(['trigger', 'acknowledge']);
    await sim.resolve(key);
    await expect(ticket.update(ctx, key, { status: 'in_progress', dedupKey: KEY })).rejects.toMatchObject({ code: 'INVALID_STATE_TRANSITION', details: { key, status: 'resolved' } });
  });

  it('adds a comment as an incident note from the from_email user, changes the urgency, and leaves the alert\'s fields', async () => {
    const { bed, key, sim } = await opened();
    const state = await ticket.update(bed.context(), key, { comment: 'The finding was fixed on web-01.', fields: { urgency: 'low', source: 'web-02' }, dedupKey: KEY });
    expect(sim.account.notes.get(key)).toEqual([expect.objectContaining({ content: 'The finding was fixed on web-01.', user: expect.objectContaining({ summary: 'Patchbay Bot' }) })]);
    expect(state.fields).toMatchObject({ urgency: 'low' });
    expect(sim.requests.filter((r) => r.method === 'POST' && r.path === `/incidents/${key}/notes`)).toHaveLength(1);
    await expect(ticket.update(bed.context({ from_email: undefined }), key, { comment: 'again', dedupKey: KEY })).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'from_email' });
    await expect(ticket.update(bed.context({ from_email: 'nobody@acme.example' }), key, { comment: 'again', dedupKey: KEY })).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'from_email', details: { vendor_code: 1008 } });
    expect(sim.account.notes.get(key)).toHaveLength(1);
  });

  it('gets one incident as a ticket state, reads the status a person set, and reports an unknown key as NOT_FOUND', async () => {
    const { bed, key, sim } = await opened();
    await sim.acknowledge(key);
    const state = await ticket.get(bed.context(), key);
    expect(state).toMatchObject({ key, status: 'acknowledged', url: `https://acme.pagerduty.com/incidents/${key}`, fields: { priority: 'P2', urgency: 'high', title: 'Exposed S3 bucket' } });
    expect(state.updatedAt).toEqual(new Date('2026-05-01T00:00:00Z'));
    await expect(ticket.get(bed.context(), 'QNOSUCHINCIDENT')).rejects.toMatchObject({ code: 'NOT_FOUND', details: { status: 404, vendor_code: 2100 } });
    await expect(ticket.update(bed.context(), 'QNOSUCHINCIDENT', { status: 'resolved', dedupKey: KEY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
