import { describe, expect, it } from 'vitest';
import { AutoAdvanceClock, connectorContext } from '@patchbay/conformance';
import type { ConnectorContext } from '@patchbay/sdk';
import { loadFixtures, replayTransport } from '@patchbay/sdk/testing';
import { Secret } from '@patchbay/types';
import connector from '../connector.ts';
import type { PagerDutyConfig } from '../config.ts';
import { listIncidents } from '../streams/incident-listing.ts';
import { tokenAuth } from '../testing/test-bed.ts';
import { sendEvent } from './events.ts';
import { addNote, getIncident, updateIncident } from './incidents.ts';

/** PagerDuty's documented error answers, replayed from the hand-written fixtures/errors.json (no network). */
async function replayed() {
  const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
  const fixtures = await loadFixtures(new URL('../fixtures/errors.json', import.meta.url).pathname);
  const ctx = connectorContext({ connector, configuration: { service_id: 'PIJ90N7', from_email: 'patchbay@acme.example' }, clock, auth: tokenAuth(), transport: replayTransport(fixtures, { reuse: true }), allowPrivateNetwork: false });
  return { ctx: ctx as unknown as ConnectorContext<PagerDutyConfig> & { close(): Promise<void> }, clock };
}

describe('pagerduty error answers as PatchbayErrors', () => {
  it('401 is VENDOR_AUTH_FAILED, 403 VENDOR_PERMISSION_DENIED, 404 NOT_FOUND naming the object and PagerDuty\'s code', async () => {
    const { ctx } = await replayed();
    await expect(getIncident(ctx, 'Q0RIJJZL24RC6W')).rejects.toMatchObject({ code: 'VENDOR_AUTH_FAILED', details: { status: 401 } });
    await expect(updateIncident(ctx, 'Q0RIJJZL24RC6W', { urgency: 'low' })).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED', details: { status: 403 } });
    await expect(getIncident(ctx, 'QNOSUCHINCIDENT')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'PagerDuty has no incident QNOSUCHINCIDENT (404)', details: { vendor_code: 2100, vendor_message: 'Not Found' } });
    await ctx.close();
  });

  it('a missing or unknown From user (2011, 1008) and an unknown priority (1020) point at the instance configuration', async () => {
    const { ctx } = await replayed();
    await expect(addNote(ctx, 'Q0RIJJZL24RC6W', 'x')).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'from_email', details: { vendor_code: 2011 } });
    await expect(updateIncident(ctx, 'Q1JTSNZWHSEKV2', { urgency: 'low' })).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'from_email', details: { vendor_code: 1008 } });
    await expect(updateIncident(ctx, 'Q2MK3OKZ8ZX4PA', { priority: { id: 'PNOPE', type: 'priority_reference' } })).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'priority_names', details: { vendor_code: 1020 } });
    await ctx.close();
  });

  it('a 429 waits ratelimit-reset seconds between attempts, then is VENDOR_RATE_LIMITED; an Events API 400 is VENDOR_REQUEST_REJECTED', async () => {
    const { ctx, clock } = await replayed();
    await expect(listIncidents(ctx, { date_range: 'all', 'statuses[]': ['triggered', 'acknowledged'] }, 0)).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    expect(clock.waits.filter((ms) => ms >= 19_000).length).toBeGreaterThanOrEqual(1);
    await expect(sendEvent(ctx, new Secret('0'.repeat(32)), { event_action: 'resolve', dedup_key: 'k' })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { vendor_errors: ["Length of 'routing_key' is incorrect (should be 32 characters)"] } });
    await ctx.close();
  });
});
