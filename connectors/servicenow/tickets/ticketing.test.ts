import { afterEach, describe, expect, it } from 'vitest';
import type { TicketDraft } from '@patchbay/sdk';
import { integrationUser, startBed, type TestBed } from '../testing/test-bed.ts';
import { servicenowTicketing as ticket } from './ticketing.ts';

const draft = (over: Partial<TicketDraft> = {}): TicketDraft => ({
  dedupKey: 'patchbay:ticket:0b6f1c2a',
  title: 'Critical vulnerability CVE-2024-3094 on lnx-0001',
  description: 'xz-utils 5.6.0 is installed.',
  priority: 2,
  fields: {},
  labels: [],
  ...over,
});

describe('servicenow tickets (incidents) through Prism with the Table API description', () => {
  let bed: TestBed | undefined;
  afterEach(async () => {
    if (bed?.lease) expect(bed.lease.violations()).toEqual([]);
    await bed?.close();
    bed = undefined;
  });

  const start = async (options: Parameters<typeof startBed>[0] = {}) => {
    bed = await startBed({ prism: true, ...options });
    return bed;
  };
  const posts = (b: TestBed) => b.sim.requests.filter((r) => r.method === 'POST' && r.path === '/api/now/table/incident');
  const patches = (b: TestBed) => b.sim.requests.filter((r) => r.method === 'PATCH');

  it('creates an incident from a draft: title, description with labels, impact and urgency from the priority table, mapped fields, the dedup key as correlation_id', async () => {
    const { ctx, sim, lease } = await start();
    const group = sim.store.idOfName('Security Operations')!;
    const state = await ticket.create(ctx, draft({ fields: { assignment_group: group, category: 'security' }, labels: ['production', 'patchbay'] }));
    expect(state).toMatchObject({ key: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'New', updatedAt: new Date('2026-05-01T00:00:00.000Z') });
    expect(state.url).toBe(`${sim.baseUrl}/nav_to.do?uri=incident.do%3Fsys_id%3D${state.key}`);
    const stored = sim.store.rows.get(state.key)!;
    expect(stored).toMatchObject({ impact: '1', urgency: '2', priority: '2', state: '1', correlation_id: 'patchbay:ticket:0b6f1c2a', correlation_display: 'Patchbay', assignment_group: group, category: 'security' });
    expect(stored.description).toBe('xz-utils 5.6.0 is installed.\n\nLabels: production, patchbay');
    expect(state.fields).toMatchObject({ number: stored.number, assignment_group: group, priority: '2' });
    expect(lease!.exchanges()).toBeGreaterThan(1);
  });

  it('is idempotent on the dedup key: a second create finds the incident by correlation_id and posts nothing', async () => {
    const b = await start();
    const first = await ticket.create(b.ctx, draft());
    const again = await ticket.create(b.ctx, draft({ title: 'changed title' }));
    expect(again.key).toBe(first.key);
    expect(posts(b)).toHaveLength(1);
    expect(b.sim.store.list('incident')).toHaveLength(1);
    // A key that is too long or unsafe in an encoded query is hashed, the same way each time.
    const odd = 'rule=critical^asset=web 01,' + 'x'.repeat(120);
    const hashed = await ticket.create(b.ctx, draft({ dedupKey: odd }));
    expect(b.sim.store.rows.get(hashed.key)!.correlation_id).toMatch(/^patchbay-sha256:[0-9a-f]{64}$/);
    expect((await ticket.create(b.ctx, draft({ dedupKey: odd }))).key).toBe(hashed.key);
    expect(posts(b)).toHaveLength(2);
  });

  it('maps priorities 1..5 to impact and urgency so that ServiceNow computes priorities 1..5; an instance may change the table', async () => {
    const b = await start();
    const computed: string[] = [];
    for (const priority of [1, 2, 3, 4, 5] as const) computed.push(b.sim.store.rows.get((await ticket.create(b.ctx, draft({ dedupKey: `p${priority}`, priority }))).key)!.priority!);
    expect(computed).toEqual(['1', '2', '3', '4', '5']);
    const custom = b.context({ config: { priority_table: { '1': { impact: 2, urgency: 1 }, '2': { impact: 2, urgency: 2 }, '3': { impact: 3, urgency: 2 }, '4': { impact: 3, urgency: 3 }, '5': { impact: 3, urgency: 3 } } } });
    const row = b.sim.store.rows.get((await ticket.create(custom, draft({ dedupKey: 'custom', priority: 1 }))).key)!;
    expect([row.impact, row.urgency, row.priority]).toEqual(['2', '1', '2']);
    // A more urgent finding joined the ticket: the update raises impact and urgency, ServiceNow the priority.
    const low = await ticket.create(b.ctx, draft({ dedupKey: 'raised', priority: 4 }));
    await ticket.update(b.ctx, low.key, { dedupKey: 'raised', priority: 1 });
    expect(b.sim.store.rows.get(low.key)!.priority).toBe('1');
  });

  it('sends mapped fields as display values when the instance says so, and refuses fields that identify the ticket', async () => {
    const b = await start({ config: { input_display_value: true } });
    const state = await ticket.create(b.ctx, draft({ fields: { assignment_group: 'Security Operations', urgency: '3 - Low' } }));
    expect(b.sim.store.rows.get(state.key)).toMatchObject({ assignment_group: b.sim.store.idOfName('Security Operations'), urgency: '3' });
    expect(posts(b)[0]!.query).toMatchObject({ sysparm_input_display_value: 'true', sysparm_display_value: 'all' });
    const before = b.sim.requests.length;
    await expect(ticket.create(b.ctx, draft({ dedupKey: 'other', fields: { correlation_id: 'x' } }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'fields.correlation_id' });
    await expect(ticket.create(b.ctx, draft({ dedupKey: 'other', fields: { 'Assignment Group': 'x' } }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(b.sim.requests.length).toBe(before);
  });

  it('moves the state through the status table: in progress, on hold, resolved (with resolution code and notes), reopened to New, closed', async () => {
    const b = await start();
    const { key } = await ticket.create(b.ctx, draft());
    const row = () => b.sim.store.rows.get(key)!;
    expect((await ticket.update(b.ctx, key, { status: 'in_progress', dedupKey: 'k' })).status).toBe('In Progress');
    expect((await ticket.update(b.ctx, key, { status: 'on_hold', dedupKey: 'k' })).status).toBe('On Hold');
    const resolved = await ticket.update(b.ctx, key, { status: 'resolved', comment: 'The finding is remediated.', dedupKey: 'k' });
    expect(resolved.status).toBe('Resolved');
    expect(row()).toMatchObject({ state: '6', close_code: 'Solution provided', close_notes: 'The finding is remediated.', resolved_at: '2026-05-01 00:00:00' });
    expect((await ticket.update(b.ctx, key, { status: 'open', dedupKey: 'k' })).status).toBe('New');
    expect(row()).toMatchObject({ state: '1', reopen_count: '1', resolved_at: '' });
    expect((await ticket.update(b.ctx, key, { status: 'closed', dedupKey: 'k' })).status).toBe('Closed');
    expect(row()).toMatchObject({ state: '7', active: 'false' });
    expect(servicenowTicketingStatus((await ticket.get(b.ctx, key)).status)).toBe('closed');
  });

  it('writes nothing when the incident already has the status, and refuses to touch a closed or canceled incident before sending', async () => {
    const b = await start();
    const { key } = await ticket.create(b.ctx, draft());
    await ticket.update(b.ctx, key, { status: 'open', dedupKey: 'k' });
    expect(patches(b)).toHaveLength(0);
    b.sim.setIncidentState(key, 8);
    // Canceled counts as closed: asking for closed (or resolved) changes nothing.
    expect((await ticket.update(b.ctx, key, { status: 'closed', dedupKey: 'k' })).status).toBe('Canceled');
    expect((await ticket.update(b.ctx, key, { status: 'resolved', dedupKey: 'k' })).status).toBe('Canceled');
    await expect(ticket.update(b.ctx, key, { status: 'open', dedupKey: 'k' })).rejects.toMatchObject({ code: 'INVALID_STATE_TRANSITION', message: expect.stringMatching(/Canceled/) });
    await expect(ticket.update(b.ctx, key, { comment: 'still there?', dedupKey: 'k' })).rejects.toMatchObject({ code: 'INVALID_STATE_TRANSITION' });
    expect(patches(b)).toHaveLength(0);
  });

  it('adds comments as work notes, or as additional comments when configured, with field changes in the same PATCH', async () => {
    const b = await start();
    const { key } = await ticket.create(b.ctx, draft());
    await ticket.update(b.ctx, key, { comment: 'Scanner still sees it.', fields: { category: 'security' }, dedupKey: 'k' });
    await ticket.update(b.context({ config: { comment_field: 'comments' } }), key, { comment: 'Visible to the caller.', dedupKey: 'k' });
    expect(b.sim.store.journals.get(key)!.map((e) => [e.field, e.text])).toEqual([
      ['work_notes', 'Scanner still sees it.'],
      ['comments', 'Visible to the caller.'],
    ]);
    expect(b.sim.store.rows.get(key)!.category).toBe('security');
    expect(patches(b)).toHaveLength(2);
  });

  it('reads one incident; an unknown sys_id is NOT_FOUND, a malformed key is refused before any request', async () => {
    const b = await start();
    const { key } = await ticket.create(b.ctx, draft());
    b.sim.setIncidentState(key, 2);
    expect(await ticket.get(b.ctx, key)).toMatchObject({ key, status: 'In Progress' });
    await expect(ticket.get(b.ctx, '0123456789abcdef0123456789abcdef')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/0123456789abcdef0123456789abcdef/) });
    const before = b.sim.requests.length;
    await expect(ticket.get(b.ctx, 'INC0010001')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(b.sim.requests.length).toBe(before);
  });
});

describe("servicenow tickets: the instance's error answers", () => {
  let bed: TestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('401: wrong credentials are VENDOR_AUTH_FAILED', async () => {
    bed = await startBed();
    await expect(ticket.create(bed.context({ auth: integrationUser(bed.sim, 'wrong') }), draft())).rejects.toMatchObject({ code: 'VENDOR_AUTH_FAILED' });
  });

  it('403 ACL: a user without itil is VENDOR_PERMISSION_DENIED naming the role', async () => {
    bed = await startBed();
    bed.sim.grant('patchbay.integration', ['cmdb_read']);
    await expect(ticket.create(bed.ctx, draft())).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED', message: expect.stringMatching(/ACL/), details: { permission: 'itil' } });
  });

  it('403 data policy: a mapped field that resolves on insert without resolution fields is VENDOR_REQUEST_REJECTED naming them', async () => {
    bed = await startBed();
    await expect(ticket.create(bed.ctx, draft({ fields: { state: '6' } }))).rejects.toMatchObject({
      code: 'VENDOR_REQUEST_REJECTED',
      message: expect.stringMatching(/Resolution code, Resolution notes/),
    });
    expect(bed.sim.store.list('incident')).toHaveLength(0);
  });

  it('429 and 5xx: an insert is sent once (a retry could open a second incident); a plain PATCH waits out Retry-After; a comment is not repeated', async () => {
    bed = await startBed();
    bed.sim.inject({ kind: 'server-errors', count: 1 }, { afterRequests: 1 });
    await expect(ticket.create(bed.ctx, draft())).rejects.toMatchObject({ code: 'VENDOR_UNAVAILABLE' });
    expect(bed.sim.store.list('incident')).toHaveLength(0);
    const { key } = await ticket.create(bed.ctx, draft());
    bed.sim.inject({ kind: 'rate-limit', retryAfterSeconds: 20 }, { afterRequests: 1 });
    expect((await ticket.update(bed.ctx, key, { status: 'in_progress', dedupKey: 'k' })).status).toBe('In Progress');
    expect(bed.clock.waits.some((ms) => ms >= 20_000)).toBe(true);
    bed.sim.inject({ kind: 'rate-limit', retryAfterSeconds: 20 }, { afterRequests: 1 });
    await expect(ticket.update(bed.ctx, key, { comment: 'once', dedupKey: 'k' })).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    expect(bed.sim.store.journals.get(key) ?? []).toEqual([]);
  });
});

function servicenowTicketingStatus(vendor: string): string | undefined {
  return ticket.statuses[vendor];
}
