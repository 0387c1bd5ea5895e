import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createEventsFixture, type EventsFixture } from '../webhooks/testing/fixture.ts';
import { MAX_TICKET_ATTEMPTS } from './ticket-operations.ts';
import { itsm, itsmConnector, scanner, source } from './testing/ticket-fixtures.ts';

/**
 * The ticket engine against the fixtures' scanner (findings and assets set by each test) and in-memory
 * ITSM (the ticket contract's create, update, get, and an `issues` stream reading its tickets back), as
 * the Jira and ServiceNow connectors do against their simulators in the end-to-end tests.
 */

describe.each(testDatabaseKinds())('the ticket engine on %s', (kind) => {
  let f: EventsFixture;
  let scannerId: string;
  let itsmId: string;
  let policyId: string;
  const HOUR = 3_600_000;

  const events = async (type: string) =>
    (await f.db.database.db.execute(sql`select data from outbox where type = ${type} order by seq`)) as unknown as { rows: { data: Record<string, unknown> }[] };
  const syncFindings = () => f.engine.sync.runNow(f.actor, scannerId, { stream: 'findings' });
  const ticketsNow = async () => (await f.engine.tickets.list(f.actor, { limit: 100 })).items;

  beforeAll(async () => {
    Object.assign(itsm, { issues: [], createCalls: 0, failCreates: 0 });
    source.findings = [];
    source.assets = [
      { id: 'a-web', host: 'web-01' },
      { id: 'a-dev', host: 'dev-01' },
      { id: 'a-db', host: 'db-01' },
    ];
    f = await createEventsFixture(kind, { connectors: [scanner, itsmConnector] });
    scannerId = (await f.engine.instances.create(f.actor, { name: 'scanner', connectorId: 'test-scanner' })).id;
    itsmId = (await f.engine.instances.create(f.actor, { name: 'itsm', connectorId: 'test-itsm' })).id;
    await f.engine.sync.runNow(f.actor, scannerId, { stream: 'assets' });
    const assets = (await f.engine.records.list(f.actor, 'assets', { limit: 10 })).items;
    const byHost = (h: string) => assets.find((a) => (a.data.device as { hostname: string }).hostname === h)!.id;
    await f.engine.records.annotate(f.actor, byHost('web-01'), { criticality: 'high' });
    await f.engine.records.annotate(f.actor, byHost('db-01'), { criticality: 'low', tags: ['production'] });
    policyId = (await f.engine.tickets.slaPolicies.create(f.actor, { name: 'standard', targets: { '1': 240, '2': 1440, '3': 4320 } })).id;
    await f.engine.tickets.rules.create(f.actor, {
      name: 'critical on important assets',
      instanceId: itsmId,
      filterCriteria: { severity_at_least: 4 },
      assetConditions: { criticality_at_least: 'high', tags_any: ['production'] },
      fieldMapping: { customfield_10042: '=record.severity_id * 10', components: ['security'] },
      slaPolicyId: policyId,
    });
    await f.engine.tickets.runOnce(); // the cursor starts at the end of the outbox
  });
  afterAll(async () => f.close());

  it('opens one ticket per selected finding, with the matrix priority, mapped fields and an SLA due date', async () => {
    source.findings = [
      { id: 'f1', title: 'OpenSSL RCE', severity: 5, host: 'web-01' },
      { id: 'f2', title: 'Critical on a dev box', severity: 5, host: 'dev-01' },
      { id: 'f3', title: 'High on production', severity: 4, host: 'db-01' },
      { id: 'f4', title: 'Medium on web', severity: 3, host: 'web-01' },
    ];
    await syncFindings();
    await f.engine.tickets.drain();
    const all = await ticketsNow();
    expect(all.map((t) => t.title).sort()).toEqual(['High on production on db-01', 'OpenSSL RCE on web-01']);
    const rce = all.find((t) => t.title.startsWith('OpenSSL'))!;
    expect(rce).toMatchObject({ priority: 1, status: 'open', vendorKey: expect.stringMatching(/^SEC-/), vendorStatus: 'To Do', slaState: 'running' });
    expect(rce.dueAt!.getTime() - rce.openedAt.getTime()).toBe(240 * 60_000);
    expect(all.find((t) => t.title.startsWith('High'))!.priority).toBe(3); // high severity on a low-criticality asset
    const issue = itsm.issues.find((i) => i.key === rce.vendorKey)!;
    expect(issue.fields).toEqual({ customfield_10042: 50, components: ['security'] });
    expect(issue.labels).toEqual(['patchbay', rce.dedupKey]);
    expect((await events('ticket.opened')).rows).toHaveLength(2);
    expect((await events('ticket.created')).rows.map((r) => r.data.vendor_key).sort()).toEqual(itsm.issues.map((i) => i.key).sort());
    const findings = await f.engine.tickets.findings(f.actor, rce.id);
    expect(findings.map((x) => x.externalId)).toEqual(['f1']);
  });

  it('keeps one ticket per finding when findings change, and when a batch is read again after a crash', async () => {
    source.findings[0] = { ...source.findings[0]!, title: 'OpenSSL RCE (updated)' };
    await syncFindings();
    await f.engine.tickets.drain();
    expect(await ticketsNow()).toHaveLength(2);
    // A crash after the vendor call but before the cursor moved: the batch is read again.
    await f.db.database.db.execute(sql`update outbox_cursors set last_seq = 0 where consumer = 'ticket-engine'`);
    await f.engine.tickets.drain();
    expect(await ticketsNow()).toHaveLength(2);
    expect(itsm.issues).toHaveLength(2);
  });

  it('follows the vendor: Done at the ITSM resolves the ticket, stops the SLA clock and marks its findings', async () => {
    const [rce] = (await ticketsNow()).filter((t) => t.title.startsWith('OpenSSL'));
    f.clock.advance(HOUR);
    itsm.issues.find((i) => i.key === rce!.vendorKey)!.status = 'Done';
    await f.engine.sync.runNow(f.actor, itsmId, { stream: 'issues' });
    await f.engine.tickets.drain();
    const after = await f.engine.tickets.get(f.actor, rce!.id);
    expect(after).toMatchObject({ status: 'resolved', vendorStatus: 'Done', slaState: 'met' });
    expect(after.slaStoppedAt).toEqual(f.clock.now());
    expect((await f.engine.tickets.findings(f.actor, rce!.id))[0]!.ticketResolvedAt).toEqual(f.clock.now());
    expect((await events('ticket.status_changed')).rows.at(-1)!.data).toMatchObject({ ticket_id: rce!.id, from: 'open', to: 'resolved', sla_state: 'met' });
    // Its finding is still open at the scanner: a conflict, logged, and the vendor's status kept.
    const logs = await f.db.database.db.execute(sql`select message from integration_logs where operation = 'ticket.conflict'`);
    expect((logs as unknown as { rows: { message: string }[] }).rows[0]!.message).toMatch(/still open at their source/);
  });

  it('resolves the ticket at the vendor when its findings are resolved at the source, and reopens it when one comes back', async () => {
    const prod = (await ticketsNow()).find((t) => t.title.startsWith('High'))!;
    source.findings[2] = { ...source.findings[2]!, status: 4 };
    await syncFindings();
    await f.engine.tickets.drain();
    const issue = itsm.issues.find((i) => i.key === prod.vendorKey)!;
    expect(issue.status).toBe('Done');
    expect(issue.comments.at(-1)).toMatch(/every finding of this ticket is resolved/);
    expect(await f.engine.tickets.get(f.actor, prod.id)).toMatchObject({ status: 'resolved', slaState: 'met' });
    source.findings[2] = { ...source.findings[2]!, status: 1 };
    await syncFindings();
    await f.engine.tickets.drain();
    expect(issue.status).toBe('To Do');
    expect(issue.comments.at(-1)).toMatch(/open again/);
    expect((await f.engine.tickets.get(f.actor, prod.id)).status).toBe('open');
  });

  it('fires near-breach and breach on the injected clock, once each; a late resolution is a missed SLA', async () => {
    source.findings.push({ id: 'f5', title: 'New RCE', severity: 5, host: 'web-01' });
    await syncFindings();
    await f.engine.tickets.drain();
    const t = (await ticketsNow()).find((x) => x.title.startsWith('New RCE'))!;
    expect(t.nearBreachAt!.getTime() - t.openedAt.getTime()).toBe(180 * 60_000);
    f.clock.advance(179 * 60_000);
    expect(await f.engine.tickets.checkSla()).toEqual({ nearBreach: 0, breached: 0 });
    f.clock.advance(60_000);
    expect(await f.engine.tickets.checkSla()).toEqual({ nearBreach: 1, breached: 0 });
    expect(await f.engine.tickets.checkSla()).toEqual({ nearBreach: 0, breached: 0 });
    f.clock.advance(60 * 60_000 - 1);
    expect((await f.engine.tickets.checkSla()).breached).toBe(0);
    f.clock.advance(1);
    expect(await f.engine.tickets.checkSla()).toEqual({ nearBreach: 0, breached: 1 });
    expect((await events('ticket.sla_breached')).rows.map((r) => r.data.ticket_id)).toEqual([t.id]);
    expect((await events('ticket.sla_near_breach')).rows.map((r) => r.data.ticket_id)).toEqual([t.id]);
    itsm.issues.find((i) => i.key === t.vendorKey)!.status = 'Done';
    await f.engine.sync.runNow(f.actor, itsmId, { stream: 'issues' });
    await f.engine.tickets.drain();
    expect((await f.engine.tickets.get(f.actor, t.id)).slaState).toBe('missed');
  });

  it('retries a failing ITSM with backoff on the clock, gives up after its attempts, and retries on request', async () => {
    itsm.failCreates = MAX_TICKET_ATTEMPTS;
    source.findings.push({ id: 'f6', title: 'Outage RCE', severity: 5, host: 'web-01' });
    await syncFindings();
    await f.engine.tickets.drain();
    const t = () => ticketsNow().then((all) => all.find((x) => x.title.startsWith('Outage'))!);
    expect(await t()).toMatchObject({ status: 'pending', lastError: { code: 'VENDOR_UNAVAILABLE' } });
    for (let i = 1; i < MAX_TICKET_ATTEMPTS; i++) {
      f.clock.advance(15 * 60_000);
      await f.engine.tickets.drain();
    }
    expect(await t()).toMatchObject({ status: 'failed', vendorKey: null });
    expect((await events('ticket.failed')).rows).toHaveLength(1);
    await f.engine.tickets.retry(f.actor, (await t()).id);
    await f.engine.tickets.drain();
    expect(await t()).toMatchObject({ status: 'open', lastError: null, vendorKey: expect.stringMatching(/^SEC-/) });
    await expect(f.engine.tickets.retry(f.actor, (await t()).id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('groups findings per asset when the rule says so, commenting as findings join', async () => {
    await f.engine.tickets.rules.create(f.actor, { name: 'per asset', instanceId: itsmId, groupBy: 'asset', filterCriteria: { predicate: "data.record.finding_info.title ~> /^Grouped/" }, assetConditions: { tags_any: ['production'] } });
    source.findings.push({ id: 'g1', title: 'Grouped one', severity: 2, host: 'db-01' });
    await syncFindings();
    await f.engine.tickets.drain();
    source.findings.push({ id: 'g2', title: 'Grouped two', severity: 5, host: 'db-01' });
    await syncFindings();
    await f.engine.tickets.drain();
    const grouped = (await ticketsNow()).filter((t) => t.groupKey.startsWith('asset:'));
    expect(grouped).toHaveLength(1);
    expect((await f.engine.tickets.findings(f.actor, grouped[0]!.id)).map((x) => x.externalId)).toEqual(['g1', 'g2']);
    const issue = itsm.issues.find((i) => i.key === grouped[0]!.vendorKey)!;
    expect(issue.comments.at(-1)).toMatch(/linked another finding.*Grouped two/);
    expect(issue.priority).toBe(2); // a critical finding on a low asset raised it from P5
  });

  it('refuses rules it cannot run, naming the field', async () => {
    await expect(f.engine.tickets.rules.create(f.actor, { name: 'x', instanceId: scannerId })).rejects.toMatchObject({ code: 'TICKETING_UNSUPPORTED', field: 'instance_id' });
    await expect(f.engine.tickets.rules.create(f.actor, { name: 'x', instanceId: itsmId, titleTemplate: 'record.(' })).rejects.toMatchObject({ code: 'TICKET_TEMPLATE_INVALID', field: 'title_template' });
    await expect(f.engine.tickets.rules.create(f.actor, { name: 'x', instanceId: itsmId, priorityMatrix: { critical: { high: 9 } } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'priority_matrix.critical.high' });
    await expect(f.engine.tickets.rules.create(f.actor, { name: 'x', instanceId: itsmId, assetConditions: { criticality_at_least: 'urgent' as never } })).rejects.toMatchObject({ field: 'asset_conditions.criticality_at_least' });
    await expect(f.engine.tickets.rules.create(f.actor, { name: 'per asset', instanceId: itsmId })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(f.engine.tickets.slaPolicies.create(f.actor, { name: 'bh', targets: { '1': 60 }, businessHours: { timezone: 'Mars/Olympus', days: [1], start: '09:00', end: '17:00' } })).rejects.toMatchObject({ field: 'business_hours.timezone' });
  });
});
