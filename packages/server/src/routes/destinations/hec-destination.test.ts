import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInConnectors, staticKeyProvider } from '@patchbay/engine';
import { DEFAULT_HEC_TOKEN, MemorySource, memoryConnector, startHecReceiver, type HecReceiver } from '@patchbay/engine/testing';
import { testDatabaseKinds } from '@patchbay/store/testing';
import type { Clock } from '@patchbay/types';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

const splunk = builtInConnectors.find((c) => c.id === 'splunk')!;
const base = '/api/integration/destinations';

/**
 * The test's clock: sleeps under 30 s (the HTTP client's retry backoff, the acknowledgement polls) move
 * the time on at once, so nothing really waits; longer ones (the client's per-attempt timeouts) wait for
 * `advance`. The same idea as conformance's AutoAdvanceClock, which the server's tests may not import.
 */
class SteppingClock implements Clock {
  #now = Date.parse('2026-05-01T08:00:00Z');
  #held: { at: number; resolve: () => void }[] = [];

  now(): Date {
    return new Date(this.#now);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (ms <= 0) return Promise.resolve();
    if (ms < 30_000) {
      this.advance(ms);
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const sleeper = { at: this.#now + ms, resolve };
      this.#held.push(sleeper);
      signal?.addEventListener('abort', () => {
        this.#held = this.#held.filter((s) => s !== sleeper);
        reject(signal.reason as Error);
      }, { once: true });
    });
  }

  advance(ms: number): void {
    this.#now += ms;
    const due = this.#held.filter((s) => s.at <= this.#now);
    this.#held = this.#held.filter((s) => s.at > this.#now);
    for (const sleeper of due) sleeper.resolve();
  }
}

/** The finding ids of the events the collector indexed (acknowledged), in order. */
const idsIn = (hec: HecReceiver) => hec.indexed().map((e) => (e.event as { finding_info?: { uid?: string } }).finding_info?.uid);

describe.each(testDatabaseKinds())('SIEM destination end to end (Splunk HEC with indexer acknowledgement) on %s', (kind) => {
  let hub: TestHub;
  let hec: HecReceiver;
  const clock = new SteppingClock();
  const source = new MemorySource();
  let memoryId: string;
  let splunkId: string;
  let destinationId: string;
  const admin = () => hub.auth('admin');

  async function sync(...items: { id: string; severity: number; title?: string }[]): Promise<void> {
    clock.advance(60_000);
    source.items.push(...items.map((i, n) => ({ id: i.id, title: i.title ?? `finding ${i.id}`, severity: i.severity, updated: clock.now().getTime() + n })));
    const res = await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${memoryId}/sync`, headers: admin(), payload: {} });
    expect(res.statusCode).toBe(202);
    await hub.engine.sync.idle();
  }
  const read = async () => (await hub.app.inject({ method: 'GET', url: `${base}/${destinationId}`, headers: hub.auth('viewer') })).json();
  const eventsOfType = (type: string) => hub.db.database.query<{ data: Record<string, unknown> }>('select data from outbox where type = $1 order by seq', [type]);

  beforeAll(async () => {
    // Acks turn true 1.5 s (of the clock) after the collector took a request: every batch is polled for.
    hec = await startHecReceiver({ clock, ackDelayMs: 1_500, tokens: [{ value: DEFAULT_HEC_TOKEN, ack: true, allowedIndexes: ['patchbay'] }] });
    source.pageSize = 10;
    hub = await createTestHub(kind, {}, { clock, connectors: [memoryConnector(source), splunk], vault: { keys: staticKeyProvider({ active: randomBytes(32) }) } });
    memoryId = (await hub.app.inject({ method: 'POST', url: '/api/integration/instances', headers: admin(), payload: { name: 'mem', connector_id: 'memory-source' } })).json().id;
    const credential = await hub.app.inject({
      method: 'POST',
      url: '/api/integration/auth-configs',
      headers: admin(),
      payload: { name: 'splunk hec', auth_type: 'api_key', credentials: { api_key: DEFAULT_HEC_TOKEN, header_name: 'Authorization', prefix: 'Splunk ' } },
    });
    expect(credential.statusCode, credential.body).toBe(201);
    const created = await hub.app.inject({
      method: 'POST',
      url: '/api/integration/instances',
      headers: admin(),
      payload: { name: 'splunk', connector_id: 'splunk', allow_private_network: true, auth_config_id: credential.json().id, configuration: { hec_url: hec.url, hec_index: 'patchbay', use_ack: true, ack_poll_ms: 250 } },
    });
    expect(created.statusCode, created.body).toBe(201);
    splunkId = created.json().id;
  }, 30_000);
  afterAll(async () => {
    await hub.engine.destinations.stop();
    await hub.close();
    await hec.close();
  });

  it('tests the HEC token without indexing anything, and takes only the formats HEC carries', async () => {
    const tested = await hub.app.inject({ method: 'POST', url: `/api/integration/instances/${splunkId}/test`, headers: hub.auth('editor') });
    expect(tested.json(), tested.body).toMatchObject({ ok: true, details: { hec: new URL(hec.url).host } });
    expect(hec.received).toEqual([]);
    const capabilities = (await hub.app.inject({ method: 'GET', url: '/api/integration/connectors/splunk/capabilities', headers: hub.auth('viewer') })).json();
    expect(capabilities).toMatchObject({ capabilities: ['destination', 'ingest'], destination: { formats: ['splunk-hec', 'ocsf-json', 'jsonata'], max_batch_events: 500 } });
    const cef = await hub.app.inject({ method: 'POST', url: base, headers: admin(), payload: { name: 'x', instance_id: splunkId, format: 'cef' } });
    expect(cef.json()).toMatchObject({ status: 400, code: 'DESTINATION_UNSUPPORTED', field: 'format' });
  });

  it('sends the synced records that match the filter to HEC, in order, acknowledged, on the instance channel', async () => {
    const created = await hub.app.inject({ method: 'POST', url: base, headers: hub.auth('editor'), payload: { name: 'soc', instance_id: splunkId, event_type: 'record.*', filter_criteria: { severity_at_least: 3 } } });
    expect(created.statusCode, created.body).toBe(201);
    destinationId = created.json().id;
    expect(created.json()).toMatchObject({ format: 'splunk-hec', health: { state: 'healthy', events_behind: 0 } });
    await sync({ id: 'a1', severity: 9 }, { id: 'a2', severity: 1 }, { id: 'a3', severity: 6 }, { id: 'a4', severity: 2 }, { id: 'a5', severity: 8 });
    await hub.engine.destinations.drain();
    expect(idsIn(hec)).toEqual(['a1', 'a3', 'a5']);
    const [first] = hec.indexed();
    expect(first).toMatchObject({ index: 'patchbay', source: 'patchbay', sourcetype: 'ocsf', channel: splunkId, ackId: 0, fields: { event_type: 'record.created', class_uid: 2004, instance_id: memoryId } });
    const posts = hec.requests.filter((r) => r.path === '/services/collector/event' && r.events > 0);
    expect(posts.every((r) => r.gzip && r.channel === splunkId && r.status === 200)).toBe(true);
    expect(hec.requests.some((r) => r.path === '/services/collector/ack')).toBe(true);
    expect(await read()).toMatchObject({ health: { state: 'healthy', events_behind: 0, events_sent: 3 } });
  });

  it('stops its cursor while HEC is busy (503), says so, and resumes with nothing lost when it is back', async () => {
    hec.outage = true;
    await sync({ id: 'b1', severity: 9 }, { id: 'b2', severity: 7 });
    const cursorBefore = (await read()).cursor;
    await hub.engine.destinations.drain();
    const failing = await read();
    expect(failing).toMatchObject({ cursor: cursorBefore, health: { state: 'failing', consecutive_failures: 1, last_error: { code: 'DESTINATION_SEND_FAILED', message: expect.stringContaining('server is busy') } } });
    expect(failing.health.events_behind).toBeGreaterThan(0);
    expect((await eventsOfType('destination.failing')).map((e) => e.data)).toEqual([expect.objectContaining({ destination_id: destinationId, reason: expect.objectContaining({ code: 'DESTINATION_SEND_FAILED' }) })]);
    // Still busy: the retry fails again, and nothing is due before the backoff passes.
    clock.advance(6_000);
    await hub.engine.destinations.drain();
    expect((await read()).health.consecutive_failures).toBe(2);
    expect(await hub.engine.destinations.drain()).toBe(0);
    await sync({ id: 'b3', severity: 5 });
    hec.outage = false;
    clock.advance(10 * 60_000);
    await hub.engine.destinations.drain();
    expect(idsIn(hec)).toEqual(['a1', 'a3', 'a5', 'b1', 'b2', 'b3']);
    expect(await read()).toMatchObject({ health: { state: 'healthy', events_behind: 0, consecutive_failures: 0, last_error: null } });
    expect((await eventsOfType('destination.recovered')).map((e) => e.data)).toEqual([expect.objectContaining({ destination_id: destinationId, failures: 2 })]);
  }, 30_000);

  it('skips a batch HEC cannot read (code 6) into the dead-letter queue, keeps going, and replays it once fixed', async () => {
    hec.rejectWhen = (event) => (event.event as { finding_info?: { title?: string } }).finding_info?.title === 'poison';
    await sync({ id: 'p1', severity: 9, title: 'poison' });
    await hub.engine.destinations.drain();
    expect(await read()).toMatchObject({ health: { state: 'failing', last_error: { code: 'DESTINATION_REJECTED', message: expect.stringMatching(/HEC code 6: Invalid data format.*the event it could not take is/) } } });
    const skipped = await hub.app.inject({ method: 'POST', url: `${base}/${destinationId}/skip`, headers: hub.auth('editor') });
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(skipped.json()).toMatchObject({ skipped: 1, destination: { health: { state: 'healthy' } } });
    const dead = (await hub.app.inject({ method: 'GET', url: `${base}/${destinationId}/dead-letters`, headers: hub.auth('viewer') })).json();
    expect(dead.items).toHaveLength(1);
    expect(dead.items[0]).toMatchObject({ event_type: 'record.created', payload: { data: { external_id: 'p1' } }, reason: { code: 'DESTINATION_REJECTED' } });
    await sync({ id: 'c1', severity: 9 });
    await hub.engine.destinations.drain();
    expect(idsIn(hec).slice(6)).toEqual(['c1']);
    // The fix is on the receiver's side (its parsing rule); then the poison event's time is replayed.
    hec.rejectWhen = undefined;
    const at = dead.items[0].occurred_at;
    const replay = await hub.app.inject({ method: 'POST', url: `${base}/${destinationId}/replay`, headers: hub.auth('editor'), payload: { from: at, to: at } });
    expect(replay.statusCode, replay.body).toBe(202);
    await hub.engine.destinations.drain();
    expect(idsIn(hec).slice(7)).toEqual(['p1']);
    expect(hec.indexed().at(-1)!.fields).toMatchObject({ replay: 1 });
    expect(await read()).toMatchObject({ replay: null, health: { state: 'healthy', events_behind: 0 } });
  }, 30_000);
});
