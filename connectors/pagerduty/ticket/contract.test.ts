import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeContractProxies, leaseContractProxy, runAction, type ContractLease } from '@patchbay/conformance';
import connector from '../connector.ts';
import { EVENTS_SPEC, SPEC } from '../simulator/index.ts';
import { testBed, tokenAuth, warmPrism, type TestBed } from '../testing/test-bed.ts';

const ticket = connector.ticket!;
const KEY = 'patchbay:rule-3:asset-web-01';

// Prism loads PagerDuty's 2.7 MB REST description in ~10 s here (more on a busy machine): once, up front.
beforeAll(async () => {
  await warmPrism(SPEC);
  await warmPrism(EVENTS_SPEC);
}, 240_000);
afterAll(closeContractProxies);

describe('pagerduty ticket calls through Prism (REST API v2 and Events API v2 descriptions)', () => {
  let bed: TestBed | undefined;
  let leases: ContractLease[] = [];
  afterEach(async () => {
    for (const lease of leases) lease.release();
    leases = [];
    await bed?.close();
    bed = undefined;
  });

  it('create, status moves, comments, fields, get, the actions and the connection test violate neither description', async () => {
    bed = await testBed({ eventDelayMs: 1_000 });
    const rest = await leaseContractProxy(SPEC, bed.sim.baseUrl);
    const events = await leaseContractProxy(EVENTS_SPEC, bed.sim.baseUrl);
    leases = [rest, events];
    const config = { base_url: rest.url, events_base_url: events.url };
    const ctx = bed.context(config);

    const created = await ticket.create(ctx, { dedupKey: KEY, title: 'Critical vulnerabilities on web-01', description: '3 critical findings', priority: 1, fields: { source: 'web-01.acme.example', class: 'vulnerability', custom_details: { cves: ['CVE-2026-1234'] }, urgency: 'high' }, labels: ['production'] });
    await ticket.create(ctx, { dedupKey: KEY, title: 'again', description: '', priority: 1, fields: {}, labels: [] });
    await ticket.update(ctx, created.key, { status: 'in_progress', comment: 'Patch scheduled tonight.', fields: { urgency: 'low' }, dedupKey: KEY });
    await ticket.update(ctx, created.key, { status: 'resolved', dedupKey: KEY });
    await ticket.update(ctx, created.key, { status: 'open', comment: 'The finding came back.', dedupKey: KEY });
    await ticket.update(ctx, created.key, { status: 'closed', dedupKey: KEY });
    await expect(ticket.get(ctx, created.key)).resolves.toMatchObject({ status: 'resolved' });
    await expect(ticket.get(ctx, 'QNOSUCHINCIDENT')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const call = { connector, simulator: { configuration: { ...bed.sim.configuration, ...config } }, clock: bed.clock, auth: tokenAuth() };
    await runAction(call, 'add-incident-note', { incident_id: created.key, content: 'Closing note' });
    await runAction(call, 'reopen-incident', { incident_id: created.key });
    await runAction(call, 'acknowledge-incident', { incident_id: created.key });
    await runAction(call, 'get-incident', { incident_id: created.key });
    await expect(connector.validate!(ctx)).resolves.toMatchObject({ ok: true });

    expect(rest.violations()).toEqual([]);
    expect(events.violations()).toEqual([]);
    expect(rest.exchanges()).toBeGreaterThan(15);
    expect(events.exchanges()).toBe(3); // trigger, acknowledge, resolve: the reopened incident moves through the REST API
  }, 60_000);
});
