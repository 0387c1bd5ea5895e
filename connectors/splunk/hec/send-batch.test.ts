import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock } from '@patchbay/conformance';
import { bearerAuth, type AuthApplier, type DestinationBatch, type DestinationFormat } from '@patchbay/sdk';
import { isPatchbayError, Secret } from '@patchbay/types';
import splunk from '../connector.ts';
import { DEFAULT_HEC_TOKEN, startHecReceiver, startSplunkSimulator, type SplunkSimulatorHandle } from '../simulator/index.ts';
import { destinationContext, hecAuth, INSTANCE, renderedEvents } from '../testing/destination-context.ts';
import { waitForAcks } from './acks.ts';

const CHANNEL = '3f2b1c0d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const send = splunk.destination!.send!;

describe('sending to Splunk HEC', () => {
  let sim: SplunkSimulatorHandle;
  let clock: AutoAdvanceClock;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    clock = new AutoAdvanceClock('2026-05-01T12:00:00Z');
    sim = await startSplunkSimulator({ pageSize: 10, clock, hecTokens: [{ value: DEFAULT_HEC_TOKEN, ack: true }, { value: 'no-ack-token', ack: false }, { value: 'main-only-token', ack: false, allowedIndexes: ['main'] }] });
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await sim.close();
  });

  /** A destination context on the simulated collector; `auth` null sends no credential. */
  function context(config: Record<string, unknown> = {}, auth: AuthApplier | null = hecAuth(DEFAULT_HEC_TOKEN)) {
    const { ctx } = destinationContext({ ...sim.hecConfiguration, hec_channel: CHANNEL, ...config }, auth ?? undefined, clock);
    closers.push(() => ctx.close());
    return ctx;
  }

  async function batchOf(format: DestinationFormat, count: number, replay = false): Promise<DestinationBatch> {
    return { format, events: await renderedEvents(format, count), replay };
  }

  /** The PatchbayError `promise` rejects with. */
  async function failure(promise: Promise<unknown>) {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!isPatchbayError(error)) throw new Error(`expected a PatchbayError, got ${String(error)}`);
    return error;
  }

  it('posts splunk-hec events as HEC renders them, in order, gzipped, on the instance channel, and waits for the acks', async () => {
    const batch = await batchOf('splunk-hec', 5);
    await send(context({ hec_index: 'security' }), batch);
    const events = sim.hec.indexed();
    expect(events.map((e) => e.fields?.event_id)).toEqual(batch.events.map((e) => e.id));
    const body = batch.events[0]!.body as Record<string, unknown>;
    expect(events[0]).toMatchObject({ time: body.time, host: 'hub1', source: 'patchbay', sourcetype: 'ocsf', index: 'security', event: body.event, channel: CHANNEL, ackId: 0 });
    const [post, ack] = sim.hec.requests;
    expect(post).toMatchObject({ method: 'POST', path: '/services/collector/event', status: 200, hecCode: 0, gzip: true, channel: CHANNEL, events: 5 });
    expect(ack).toMatchObject({ method: 'POST', path: '/services/collector/ack', status: 200, channel: CHANNEL });
  });

  it('wraps ocsf-json and JSONata output as HEC events with the configured metadata and the event id as an indexed field', async () => {
    const ctx = context({ gzip: false, hec_source: 'hub', hec_sourcetype: 'ocsf:finding', hec_host: 'hub-7', hec_index: 'sec' });
    const json = await batchOf('ocsf-json', 2, true);
    await send(ctx, json);
    const template = await batchOf('jsonata', 1);
    await send(ctx, template);
    const [first, , line] = sim.hec.indexed();
    expect(first).toMatchObject({ time: Date.UTC(2026, 4, 1, 10, 0, 0) / 1000, host: 'hub-7', source: 'hub', sourcetype: 'ocsf:finding', index: 'sec', event: json.events[0]!.body });
    expect(first!.fields).toEqual({ event_id: json.events[0]!.id, event_type: 'record.created', instance_id: INSTANCE, replay: 1 });
    expect(line).toMatchObject({ event: 'sev=4 title=Known Malware', fields: { event_id: template.events[0]!.id } });
    expect(sim.hec.requests.filter((r) => r.path.endsWith('/event')).map((r) => r.gzip)).toEqual([false, false]);
  });

  it('splits a batch into requests within max_batch_bytes, keeping the order, and acknowledges them all', async () => {
    const batch = await batchOf('splunk-hec', 12);
    const size = Buffer.byteLength(JSON.stringify(batch.events[0]!.body));
    await send(context({ max_batch_bytes: size * 3 + 100 }), batch);
    const posts = sim.hec.requests.filter((r) => r.path.endsWith('/event'));
    expect(posts.length).toBeGreaterThanOrEqual(4);
    expect(posts.reduce((n, r) => n + r.events, 0)).toBe(12);
    expect(sim.hec.indexed().map((e) => e.fields?.event_id)).toEqual(batch.events.map((e) => e.id));
    expect(new Set(sim.hec.indexed().map((e) => e.ackId)).size).toBe(posts.length);
  });

  it('refuses an event larger than max_batch_bytes before sending anything', async () => {
    const error = await failure(send(context({ max_batch_bytes: 1024 }), await batchOf('ocsf-json', 1)));
    expect(error).toMatchObject({ code: 'DESTINATION_REJECTED', retryable: false, message: expect.stringContaining('00000000-0000-4000-8000-000000000000') });
    expect(sim.hec.requests).toEqual([]);
  });

  it('resolves only once the indexers acknowledged, polling on the clock', async () => {
    sim.hec.ackDelayMs = 3_000;
    const start = clock.now().getTime();
    await send(context({ ack_poll_ms: 500 }), await batchOf('splunk-hec', 3));
    expect(clock.now().getTime() - start).toBeGreaterThanOrEqual(3_000);
    const polls = sim.hec.requests.filter((r) => r.path.endsWith('/ack'));
    expect(polls.length).toBeGreaterThanOrEqual(6);
    expect(sim.hec.indexed()).toHaveLength(3);
  });

  it('fails the batch when the acknowledgements do not come within ack_timeout_seconds', async () => {
    sim.hec.ackDelayMs = 60_000;
    const error = await failure(send(context({ ack_timeout_seconds: 2, ack_poll_ms: 500 }), await batchOf('splunk-hec', 2)));
    expect(error).toMatchObject({ code: 'DESTINATION_SEND_FAILED', retryable: true, message: expect.stringContaining('did not acknowledge') });
  });

  it('does not wait for acks without use_ack', async () => {
    sim.hec.ackDelayMs = 60_000;
    await send(context({ use_ack: false }), await batchOf('splunk-hec', 2));
    expect(sim.hec.requests.map((r) => r.path)).toEqual(['/services/collector/event']);
  });

  it('answers use_ack on a token without indexer acknowledgement with a configuration error', async () => {
    const error = await failure(send(context({}, hecAuth('no-ack-token')), await batchOf('splunk-hec', 1)));
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', field: 'configuration.use_ack', hint: expect.stringContaining('Indexer acknowledgement') });
    const ctx = context({}, hecAuth('no-ack-token'));
    const ack = await failure(waitForAcks(ctx, sim.hec.url, CHANNEL, [0]));
    expect(ack).toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('HEC code 14') });
  });

  it('retries a busy collector (503, code 9) through the client, then fails the batch as DESTINATION_SEND_FAILED while it stays busy', async () => {
    sim.inject({ kind: 'server-errors', count: 2 });
    await send(context(), await batchOf('splunk-hec', 2));
    expect(sim.hec.requests.slice(0, 3).map((r) => [r.status, r.hecCode])).toEqual([[503, 9], [503, 9], [200, 0]]);
    expect(sim.hec.indexed()).toHaveLength(2);

    sim.hec.outage = true;
    const error = await failure(send(context(), await batchOf('splunk-hec', 2)));
    expect(error).toMatchObject({ code: 'DESTINATION_SEND_FAILED', retryable: true, message: expect.stringContaining('server is busy') });
    expect(sim.hec.requests.filter((r) => r.status === 503).length).toBeGreaterThanOrEqual(2 + 4);
    expect(sim.hec.indexed()).toHaveLength(2);
  });

  it('reports a collector it cannot reach as DESTINATION_SEND_FAILED', async () => {
    const gone = await startHecReceiver({ clock });
    await gone.close();
    const error = await failure(send(context({ hec_url: gone.url }), await batchOf('splunk-hec', 1)));
    expect(error).toMatchObject({ code: 'DESTINATION_SEND_FAILED', retryable: true, message: expect.stringContaining('could not be reached') });
  });

  it('turns each HEC error answer into a coded error with a fix, never quoting the token', async () => {
    const events = await batchOf('splunk-hec', 3);
    const cases: [string, () => ReturnType<typeof context>, string, RegExp][] = [
      ['invalid token (403, code 4)', () => context({}, hecAuth('0e9d8c7b-0000-4000-8000-000000000000')), 'VENDOR_AUTH_FAILED', /copy it again/],
      ['missing token (401, code 2)', () => context({}, null), 'VENDOR_AUTH_FAILED', /api_key credential/],
      ['a bearer token (401, code 3)', () => context({}, bearerAuth({ token: new Secret('a-jwt') })), 'VENDOR_AUTH_FAILED', /Splunk <HEC token>/],
      ['an index the token may not use (400, code 7)', () => context({ use_ack: false, hec_index: 'secret' }, hecAuth('main-only-token')), 'DESTINATION_REJECTED', /allowed indexes/],
    ];
    for (const [what, ctx, code, hint] of cases) {
      const error = await failure(send(ctx(), events));
      expect([what, error.code, error.hint]).toEqual([what, code, expect.stringMatching(hint)]);
      expect(JSON.stringify({ message: error.message, hint: error.hint, details: error.details })).not.toContain(DEFAULT_HEC_TOKEN);
    }
    sim.hec.tokens[0]!.disabled = true;
    expect(await failure(send(context(), events))).toMatchObject({ code: 'VENDOR_AUTH_FAILED', message: expect.stringContaining('HEC code 1: Token disabled'), hint: expect.stringContaining('enable it') });
    expect(sim.hec.received).toEqual([]);
  });

  it('names the event HEC could not read (400, code 6) so the batch can be skipped to the dead-letter queue', async () => {
    const batch = await batchOf('splunk-hec', 4);
    sim.hec.rejectWhen = (event) => event.fields?.event_id === batch.events[2]!.id;
    const error = await failure(send(context(), batch));
    expect(error).toMatchObject({
      code: 'DESTINATION_REJECTED',
      retryable: false,
      message: expect.stringMatching(/HEC code 6: Invalid data format.*the event it could not take is 00000000-0000-4000-8000-000000000002/),
      details: { hec_code: 6, invalid_event_number: 2, event_id: batch.events[2]!.id },
    });
  });

  it('reports a request larger than the collector takes (413) as a rejected batch', async () => {
    const hec = await startHecReceiver({ clock, maxContentLength: 2_000 });
    closers.push(() => hec.close());
    const error = await failure(send(context({ hec_url: hec.url, gzip: false }), await batchOf('splunk-hec', 4)));
    expect(error).toMatchObject({ code: 'DESTINATION_REJECTED', hint: expect.stringContaining('max_batch_bytes') });
    expect(hec.requests[0]).toMatchObject({ status: 413 });
  });

  it('tests the connection without indexing anything: HEC answers "No data" to a valid token', async () => {
    const ctx = context();
    await expect(splunk.validate!(ctx)).resolves.toEqual({ ok: true, details: { hec: new URL(sim.hec.url).host } });
    expect(sim.hec.requests[0]).toMatchObject({ path: '/services/collector/event', status: 400, hecCode: 5 });
    expect(sim.hec.received).toEqual([]);
    await expect(splunk.validate!(context({}, hecAuth('4b1d0c2e-0000-4000-8000-000000000000')))).rejects.toMatchObject({ code: 'VENDOR_AUTH_FAILED' });
  });
});
