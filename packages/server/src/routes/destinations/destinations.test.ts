import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInConnectors } from '@patchbay/engine';
import { MemorySource, RsyslogReceiver, hasRsyslog, memoryConnector } from '@patchbay/engine/testing';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

const syslog = builtInConnectors.find((c) => c.id === 'syslog')!;
const base = '/api/integration/destinations';

/** The finding ids in the CEF lines rsyslog wrote (externalId), in file order. */
const idsIn = (rsyslog: RsyslogReceiver) => rsyslog.received().map((l) => /externalId=(\S+)/.exec(l.msg)?.[1]);

describe.skipIf(!hasRsyslog()).each(testDatabaseKinds())('SIEM destinations end to end (rsyslog over TCP) on %s', (kind) => {
  let hub: TestHub;
  const source = new MemorySource();
  const rsyslog = new RsyslogReceiver();
  let memoryId: string;
  let syslogId: string;
  let destinationId: string;
  const admin = () => hub.auth('admin');

  async function sync(...items: { id: string; severity: number; title?: string }[]): Promise<void> {
    hub.clock.advance(60_000);
    source.items.push(...items.map((i, n) => ({ id: i.id, title: i.title ?? `finding ${i.id}`, severity: i.severity, updated: hub.clock.now().getTime() + n })));
    const res = await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${memoryId}/sync`, headers: admin(), payload: {} });
    expect(res.statusCode).toBe(202);
    await hub.engine.sync.idle();
  }
  const read = async () => (await hub.app.inject({ method: 'GET', url: `${base}/${destinationId}`, headers: hub.auth('viewer') })).json();
  const eventsOfType = (type: string) => hub.db.database.query<{ data: Record<string, unknown> }>('select data from outbox where type = $1 order by seq', [type]);

  beforeAll(async () => {
    await rsyslog.start();
    source.pageSize = 10;
    hub = await createTestHub(kind, {}, { connectors: [memoryConnector(source), syslog] });
    memoryId = (await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: admin(), payload: { name: 'mem', connector_id: 'memory-source' } })).json().id;
    const created = await hub.app.inject({
      method: 'POST',
      url: '/api/integration/instances',
      headers: admin(),
      payload: { name: 'rsyslog', connector_id: 'syslog', allow_private_network: true, configuration: { host: '127.0.0.1', port: rsyslog.tcpPort, protocol: 'tcp', hostname: 'hub1', max_message_bytes: 3000 } },
    });
    expect(created.statusCode, created.body).toBe(201);
    syslogId = created.json().id;
  }, 30_000);
  afterAll(async () => {
    await hub.engine.destinations.stop();
    await hub.close();
    await rsyslog.close();
  });

  it('validates the binding, the format and the filter', async () => {
    const capabilities = (await hub.app.inject({ method: 'GET', url: '/api/integration/connectors/syslog/capabilities', headers: hub.auth('viewer') })).json();
    expect(capabilities).toMatchObject({ capabilities: ['destination'], streams: [], destination: { formats: ['rfc5424', 'cef', 'leef', 'jsonata'], max_batch_events: 500 } });
    const onMemory = await hub.app.inject({ method: 'POST', url: base, headers: admin(), payload: { name: 'x', instance_id: memoryId } });
    expect(onMemory.json()).toMatchObject({ status: 400, code: 'DESTINATION_UNSUPPORTED', field: 'instance_id' });
    const hec = await hub.app.inject({ method: 'POST', url: base, headers: admin(), payload: { name: 'x', instance_id: syslogId, format: 'splunk-hec' } });
    expect(hec.json()).toMatchObject({ code: 'DESTINATION_UNSUPPORTED', field: 'format' });
    const template = await hub.app.inject({ method: 'POST', url: base, headers: admin(), payload: { name: 'x', instance_id: syslogId, format: 'jsonata', format_options: { template: '{ "a": ' } } });
    expect(template.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'format_options.template' });
    const predicate = await hub.app.inject({ method: 'POST', url: base, headers: admin(), payload: { name: 'x', instance_id: syslogId, filter_criteria: { predicate: '(' } } });
    expect(predicate.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'filter_criteria.predicate' });
    const viewer = await hub.app.inject({ method: 'POST', url: base, headers: hub.auth('viewer'), payload: { name: 'x', instance_id: syslogId } });
    expect(viewer.statusCode).toBe(403);
  });

  it('sends the synced records that match the filter to rsyslog, in order, and reports no lag', async () => {
    const created = await hub.app.inject({ method: 'POST', url: base, headers: hub.auth('editor'), payload: { name: 'soc', instance_id: syslogId, format: 'cef', event_type: 'record.*', filter_criteria: { severity_at_least: 3 } } });
    expect(created.statusCode, created.body).toBe(201);
    destinationId = created.json().id;
    expect(created.json()).toMatchObject({ format: 'cef', health: { state: 'healthy', events_behind: 0 } });
    await sync({ id: 'a1', severity: 9 }, { id: 'a2', severity: 1 }, { id: 'a3', severity: 6 }, { id: 'a4', severity: 2 }, { id: 'a5', severity: 8 });
    expect((await read()).health.events_behind).toBeGreaterThanOrEqual(5);
    await hub.engine.destinations.drain();
    await rsyslog.waitFor(3);
    expect(idsIn(rsyslog)).toEqual(['a1', 'a3', 'a5']);
    expect(rsyslog.received()[0]).toMatchObject({ hostname: 'hub1', appName: 'patchbay', msgId: 'record.created', input: 'tcp' });
    expect(await read()).toMatchObject({ health: { state: 'healthy', events_behind: 0, oldest_unsent_age_seconds: 0, events_sent: 3 } });
  });

  it('stops its cursor during an outage, says so, and resumes with nothing lost when rsyslog is back', async () => {
    await rsyslog.stop();
    await new Promise((r) => setTimeout(r, 100));
    await sync({ id: 'b1', severity: 9 }, { id: 'b2', severity: 7 });
    const cursorBefore = (await read()).cursor;
    await hub.engine.destinations.drain();
    const failing = await read();
    expect(failing).toMatchObject({ cursor: cursorBefore, health: { state: 'failing', consecutive_failures: 1, last_error: { code: 'DESTINATION_SEND_FAILED' } } });
    expect(failing.health.events_behind).toBeGreaterThan(0);
    hub.clock.advance(30_000);
    expect((await read()).health.oldest_unsent_age_seconds).toBeGreaterThanOrEqual(30);
    const failingEvents = await eventsOfType('destination.failing');
    expect(failingEvents.map((e) => e.data)).toEqual([expect.objectContaining({ destination_id: destinationId, reason: expect.objectContaining({ code: 'DESTINATION_SEND_FAILED' }) })]);
    const metrics = await hub.app.inject({ method: 'GET', url: '/metrics', headers: admin() });
    expect(metrics.body).toMatch(new RegExp(`patchbay_destination_failing\\{destination_id="${destinationId}",instance_id="${syslogId}"\\} 1`));
    expect(metrics.body).toMatch(new RegExp(`patchbay_destination_events_behind\\{destination_id="${destinationId}"[^}]*\\} [1-9]`));
    // Still down: the retry fails again, later and later (backoff on the clock).
    await hub.engine.destinations.drain();
    expect((await read()).health.consecutive_failures).toBe(2);
    expect(await hub.engine.destinations.drain()).toBe(0);
    await sync({ id: 'b3', severity: 5 });
    await rsyslog.start();
    hub.clock.advance(10 * 60_000);
    await hub.engine.destinations.drain();
    await rsyslog.waitFor(6);
    expect(idsIn(rsyslog)).toEqual(['a1', 'a3', 'a5', 'b1', 'b2', 'b3']);
    expect(await read()).toMatchObject({ health: { state: 'healthy', events_behind: 0, consecutive_failures: 0, last_error: null } });
    expect((await eventsOfType('destination.recovered')).map((e) => e.data)).toEqual([expect.objectContaining({ destination_id: destinationId, failures: 2 })]);
  }, 30_000);

  it('skips a poison batch into the dead-letter queue, keeps going, and replays it once fixed', async () => {
    const healthySkip = await hub.app.inject({ method: 'POST', url: `${base}/${destinationId}/skip`, headers: admin() });
    expect(healthySkip.json()).toMatchObject({ status: 409, code: 'DESTINATION_NOT_FAILING' });
    await sync({ id: 'p1', severity: 9, title: 'x'.repeat(4000) });
    await hub.engine.destinations.drain();
    expect(await read()).toMatchObject({ health: { state: 'failing', last_error: { code: 'DESTINATION_SEND_FAILED', message: expect.stringContaining('max_message_bytes') } } });
    const skipped = await hub.app.inject({ method: 'POST', url: `${base}/${destinationId}/skip`, headers: hub.auth('editor') });
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(skipped.json()).toMatchObject({ skipped: 1, destination: { health: { state: 'healthy' } } });
    const dead = (await hub.app.inject({ method: 'GET', url: `${base}/${destinationId}/dead-letters`, headers: hub.auth('viewer') })).json();
    expect(dead.items).toHaveLength(1);
    expect(dead.items[0]).toMatchObject({ event_type: 'record.created', payload: { data: { external_id: 'p1' } }, reason: { code: 'DESTINATION_SEND_FAILED' } });
    await sync({ id: 'c1', severity: 9 });
    await hub.engine.destinations.drain();
    await rsyslog.waitFor(7);
    expect(idsIn(rsyslog).slice(6)).toEqual(['c1']);
    // The fix: a larger message limit on the instance; then replay the poison event's time.
    const fix = await hub.app.inject({ method: 'PUT', url: `/api/integration/instances/${syslogId}`, headers: admin(), payload: { configuration: { host: '127.0.0.1', port: rsyslog.tcpPort, protocol: 'tcp', hostname: 'hub1', max_message_bytes: 65536 } } });
    expect(fix.statusCode, fix.body).toBe(200);
    const at = dead.items[0].occurred_at;
    const replay = await hub.app.inject({ method: 'POST', url: `${base}/${destinationId}/replay`, headers: hub.auth('editor'), payload: { from: at, to: at } });
    expect(replay.statusCode, replay.body).toBe(202);
    expect(replay.json().destination.replay).toMatchObject({ from: at, to: at });
    const again = await hub.app.inject({ method: 'POST', url: `${base}/${destinationId}/replay`, headers: admin(), payload: { from: at, to: at } });
    expect(again.json()).toMatchObject({ status: 409, code: 'DESTINATION_REPLAY_IN_PROGRESS' });
    await hub.engine.destinations.drain();
    await rsyslog.waitFor(8);
    expect(idsIn(rsyslog).slice(7)).toEqual(['p1']);
    expect(await read()).toMatchObject({ replay: null, health: { state: 'healthy', events_behind: 0 } });
    const audit = (await hub.app.inject({ method: 'GET', url: `/api/admin/audit?target_id=${destinationId}&limit=50`, headers: admin() })).json();
    expect(audit.items.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['destination.created', 'destination.batch_skipped', 'destination.replayed']));
  }, 30_000);

  it('keeps destinations of other organisations out of reach', async () => {
    const other = await hub.addOrganization('elsewhere');
    const theirs = { authorization: `Bearer ${other.adminToken}` };
    for (const call of [
      { method: 'GET' as const, url: `${base}/${destinationId}` },
      { method: 'PUT' as const, url: `${base}/${destinationId}`, payload: { name: 'stolen' } },
      { method: 'POST' as const, url: `${base}/${destinationId}/replay`, payload: { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' } },
      { method: 'POST' as const, url: `${base}/${destinationId}/skip` },
      { method: 'GET' as const, url: `${base}/${destinationId}/dead-letters` },
      { method: 'DELETE' as const, url: `${base}/${destinationId}` },
    ]) {
      const res = await hub.app.inject({ ...call, headers: theirs });
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(404);
    }
    expect((await hub.app.inject({ method: 'GET', url: base, headers: theirs })).json().items).toEqual([]);
    const bind = await hub.app.inject({ method: 'POST', url: base, headers: theirs, payload: { name: 'x', instance_id: syslogId } });
    expect(bind.statusCode).toBe(404);
    const list = (await hub.app.inject({ method: 'GET', url: base, headers: hub.auth('auditor') })).json();
    expect(list.items.map((d: { id: string }) => d.id)).toEqual([destinationId]);
  });

  it('deletes a destination', async () => {
    const del = await hub.app.inject({ method: 'DELETE', url: `${base}/${destinationId}`, headers: hub.auth('editor') });
    expect(del.statusCode).toBe(204);
    expect((await hub.app.inject({ method: 'GET', url: `${base}/${destinationId}`, headers: admin() })).statusCode).toBe(404);
  });
});
