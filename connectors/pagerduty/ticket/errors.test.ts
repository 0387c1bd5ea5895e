import { afterEach, describe, expect, it } from 'vitest';
import type { TicketDraft } from '@patchbay/sdk';
import connector from '../connector.ts';
import { testBed, type TestBed } from '../testing/test-bed.ts';

const ticket = connector.ticket!;
const draft: TicketDraft = { dedupKey: 'patchbay:rule-1:finding-1', title: 'Open RDP port on db-01', description: '', priority: 2, fields: {}, labels: [] };

describe("pagerduty ticket calls: PagerDuty's error answers", () => {
  let bed: TestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('a read-only REST key cannot set the priority (403) nor add notes; a revoked key is VENDOR_AUTH_FAILED', async () => {
    bed = await testBed();
    const { sim } = bed;
    sim.grantReadOnly('read-only-key');
    await expect(ticket.create(bed.context({}, 'read-only-key'), draft)).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED', details: { status: 403 } });
    const [incident] = sim.incidentsByDedupKey(draft.dedupKey);
    await expect(ticket.update(bed.context({}, 'read-only-key'), incident!.id, { comment: 'hello', dedupKey: draft.dedupKey })).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED' });
    sim.inject({ kind: 'unauthorized-once' });
    await expect(ticket.get(bed.context(), incident!.id)).rejects.toMatchObject({ code: 'VENDOR_AUTH_FAILED' });
  });

  it('needs a service with exactly one Events API v2 integration (or integration_id naming one), and says which', async () => {
    bed = await testBed();
    const { sim } = bed;
    await expect(ticket.create(bed.context({ service_id: undefined }), draft)).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'service_id' });
    const [integration] = sim.account.services[0]!.integrations.splice(0, 1);
    await expect(ticket.create(bed.context(), draft)).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'service_id', message: expect.stringContaining('no Events API v2 integration') });
    sim.account.services[0]!.integrations.push(integration!, { ...integration!, id: 'PSECOND', name: 'Second', integration_key: 'f'.repeat(32) });
    await expect(ticket.create(bed.context(), draft)).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'integration_id', message: expect.stringContaining('PSECOND (Second)') });
    sim.account.services[0]!.integrations.push({ id: 'PEMAIL1', type: 'generic_email_inbound_integration', name: 'Email', integration_key: '' });
    await expect(ticket.create(bed.context({ integration_id: 'PEMAIL1' }), draft)).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'integration_id' });
    await expect(ticket.create(bed.context({ integration_id: integration!.id }), draft)).resolves.toMatchObject({ status: 'triggered' });
    expect(sim.events.received.map((e) => e.routing_key)).toEqual([integration!.integration_key]);
    expect(sim.events.received).toHaveLength(1);
  });

  it('an event PagerDuty refuses (400) is VENDOR_REQUEST_REJECTED with its errors, and never shows the routing key', async () => {
    bed = await testBed();
    const { sim } = bed;
    const integration = sim.account.services[0]!.integrations[0]!;
    sim.account.services[0]!.integrations[0] = { ...integration, integration_key: 'R0UT1NGKEY' };
    const error: unknown = await ticket.create(bed.context(), draft).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { status: 400, event_action: 'trigger', vendor_errors: ["Length of 'routing_key' is incorrect (should be 32 characters)"] } });
    expect(JSON.stringify({ message: (error as Error).message, ...(error as object) })).not.toContain('R0UT1NGKEY');
    expect(sim.requests.filter((r) => r.path === '/v2/enqueue').map((r) => r.status)).toEqual([400]);
  });

  it('retries the Events API after a 429 and the REST API after 5xx answers, on the clock', async () => {
    bed = await testBed();
    const { sim, clock } = bed;
    // Requests of a create: find by key, priorities, the service and its integration (routing key), then the event.
    sim.inject({ kind: 'rate-limit', retryAfterSeconds: 5 }, { afterRequests: 4 });
    await expect(ticket.create(bed.context(), draft)).resolves.toMatchObject({ status: 'triggered' });
    expect(sim.requests.filter((r) => r.path === '/v2/enqueue').map((r) => r.status)).toEqual([429, 202]);
    sim.inject({ kind: 'server-errors', count: 2 });
    const key = sim.incidentsByDedupKey(draft.dedupKey)[0]!.id;
    await expect(ticket.get(bed.context(), key)).resolves.toMatchObject({ key });
    expect(sim.requests.slice(-3).map((r) => r.status)).toEqual([500, 500, 200]);
    expect(clock.waits.length).toBeGreaterThanOrEqual(3);
  });
});
