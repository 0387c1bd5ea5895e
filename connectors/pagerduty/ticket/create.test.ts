import { afterEach, describe, expect, it } from 'vitest';
import type { TicketDraft } from '@patchbay/sdk';
import connector from '../connector.ts';
import { testBed, type TestBed } from '../testing/test-bed.ts';

const ticket = connector.ticket!;
const draft = (overrides: Partial<TicketDraft> = {}): TicketDraft => ({
  dedupKey: 'patchbay:rule-7:finding-0f3a',
  title: 'Critical vulnerability CVE-2026-1234 on web-01',
  description: 'Found by Tenable on web-01 (criticality high).',
  priority: 1,
  fields: {},
  labels: [],
  ...overrides,
});

describe('pagerduty ticket create against the simulated account', () => {
  let bed: TestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('opens one incident per dedup key: a second create finds it and sends nothing', async () => {
    bed = await testBed();
    const { sim } = bed;
    const first = await ticket.create(bed.context(), draft());
    const [incident] = sim.incidentsByDedupKey('patchbay:rule-7:finding-0f3a');
    expect(first).toMatchObject({ key: incident!.id, url: `https://acme.pagerduty.com/incidents/${incident!.id}`, status: 'triggered', fields: { title: draft().title, urgency: 'high', priority: 'P1' } });
    const again = await ticket.create(bed.context(), draft({ title: 'Another title' }));
    expect(again.key).toBe(first.key);
    expect(sim.incidentsByDedupKey('patchbay:rule-7:finding-0f3a')).toHaveLength(1);
    expect(sim.events.received.map((e) => e.event_action)).toEqual(['trigger']);
    // The routing key came from the service's Events API v2 integration, read through the REST API.
    expect(sim.events.received[0]).toMatchObject({ routing_key: sim.routingKey, dedup_key: 'patchbay:rule-7:finding-0f3a', client: 'Patchbay' });
    expect(sim.requests.filter((r) => r.path === `/services/${sim.serviceId}`)).toHaveLength(1);
  });

  it('maps the Patchbay priority through the instance tables: account priority by name and event severity', async () => {
    bed = await testBed();
    const { sim } = bed;
    const low = await ticket.create(bed.context(), draft({ dedupKey: 'low', priority: 4 }));
    expect(sim.events.received[0]!).toMatchObject({ payload: { severity: 'info' } });
    expect(low.fields).toMatchObject({ priority: 'P4', urgency: 'low' });
    sim.setPriorities(['SEV-1', 'SEV-2', 'SEV-3']);
    const ctx = bed.context({ priority_names: { '1': 'SEV-1', '2': 'SEV-1', '3': 'SEV-2', '4': 'SEV-3', '5': 'SEV-3' }, severities: { '1': 'error', '2': 'error', '3': 'warning', '4': 'info', '5': 'info' } });
    const custom = await ticket.create(ctx, draft({ dedupKey: 'custom', priority: 2 }));
    expect(custom.fields).toMatchObject({ priority: 'SEV-1', urgency: 'high' });
    expect(sim.events.received[1]!).toMatchObject({ payload: { severity: 'error' } });
    // A name the account lacks fails before anything is triggered.
    await expect(ticket.create(bed.context(), draft({ dedupKey: 'unknown', priority: 3 }))).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'priority_names.3', message: expect.stringContaining('SEV-1, SEV-2, SEV-3') });
    expect(sim.events.received).toHaveLength(2);
  });

  it('sets no priority on an account without priorities (or with use_priorities off): the severity alone speaks', async () => {
    bed = await testBed();
    const { sim } = bed;
    sim.setPriorities([]);
    const state = await ticket.create(bed.context({ from_email: undefined }), draft({ priority: 5 }));
    expect(state.fields).toMatchObject({ priority: null, urgency: 'low' });
    expect(sim.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    sim.setPriorities(['P1', 'P2']);
    const off = await ticket.create(bed.context({ use_priorities: false }), draft({ dedupKey: 'off' }));
    expect(off.fields).toMatchObject({ priority: null });
  });

  it('puts the mapped fields into the trigger event, labels and description into its custom details, and sets the urgency', async () => {
    bed = await testBed();
    const { sim } = bed;
    const fields = { source: 'web-01.acme.example', component: 'nginx', group: 'prod-web', class: 'vulnerability', custom_details: { cve: 'CVE-2026-1234' }, asset_criticality: 'high', urgency: 'low' };
    const state = await ticket.create(bed.context(), draft({ fields, labels: ['production', 'pci'] }));
    expect(sim.events.received[0]!).toMatchObject({
      event_action: 'trigger',
      payload: {
        summary: draft().title,
        source: 'web-01.acme.example',
        severity: 'critical',
        component: 'nginx',
        group: 'prod-web',
        class: 'vulnerability',
        custom_details: { cve: 'CVE-2026-1234', asset_criticality: 'high', description: draft().description, labels: ['production', 'pci'], patchbay_priority: 1 },
      },
    });
    // critical makes the service's urgency high; the urgency field overrides it through the REST API.
    expect(state.fields).toMatchObject({ urgency: 'low' });
    expect(sim.incident(state.key)!.urgency).toBe('low');
    await ticket.create(bed.context(), draft({ dedupKey: 'defaults' }));
    expect(sim.events.received[1]!).toMatchObject({ payload: { source: 'Patchbay' } });
    await expect(ticket.create(bed.context(), draft({ dedupKey: 'bad', fields: { source: 42 } }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'fields.source' });
    await expect(ticket.create(bed.context(), draft({ dedupKey: 'bad', fields: { urgency: 'urgent' } }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'fields.urgency' });
    await expect(ticket.create(bed.context(), draft({ dedupKey: 'x'.repeat(256) }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'dedupKey' });
    expect(sim.events.received).toHaveLength(2);
  });

  it('waits on the clock while PagerDuty turns the event into an incident, within incident_wait_seconds', async () => {
    bed = await testBed({ eventDelayMs: 4_000 });
    const { sim, clock } = bed;
    const before = clock.now().getTime();
    const state = await ticket.create(bed.context(), draft());
    expect(state.status).toBe('triggered');
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(4_000);
    expect(clock.waits.slice(0, 3)).toEqual([1_000, 2_000, 3_000]);
    // A service in maintenance opens nothing: the wait ends with a retryable VENDOR_TIMEOUT...
    sim.setServiceStatus('maintenance');
    const started = clock.now().getTime();
    await expect(ticket.create(bed.context({ incident_wait_seconds: 10 }), draft({ dedupKey: 'later' }))).rejects.toMatchObject({ code: 'VENDOR_TIMEOUT', retryable: true, hint: expect.stringContaining('maintenance') });
    expect(clock.now().getTime() - started).toBeLessThanOrEqual(10_000);
    // ...and the engine's retry, once the service is back, opens it.
    sim.setServiceStatus('active');
    await expect(ticket.create(bed.context(), draft({ dedupKey: 'later' }))).resolves.toMatchObject({ status: 'triggered' });
    expect(sim.incidentsByDedupKey('later')).toHaveLength(1);
  });

  it('completes an earlier attempt that stopped before the priority: the found incident gets it, a person\'s priority stays', async () => {
    bed = await testBed();
    const { sim } = bed;
    await ticket.create(bed.context({ use_priorities: false }), draft());
    const [incident] = sim.incidentsByDedupKey(draft().dedupKey);
    expect(incident!.priority).toBeUndefined();
    await expect(ticket.create(bed.context(), draft())).resolves.toMatchObject({ key: incident!.id, fields: { priority: 'P1' } });
    await sim.setPriority(incident!.id, 'P3');
    await expect(ticket.create(bed.context(), draft())).resolves.toMatchObject({ fields: { priority: 'P3' } });
    expect(sim.events.received).toHaveLength(1);
  });
});
