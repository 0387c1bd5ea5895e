import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineConnector, type DestinationBatch } from '@patchbay/sdk';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { PatchbayError } from '@patchbay/types';
import { emitEvents } from '../events/envelope.ts';
import { SEND_TIMEOUT_MS } from './deliver.ts';
import { createEventsFixture, type EventsFixture } from '../webhooks/testing/fixture.ts';

/** A stateless (`send`) destination, as Splunk HEC or the Logs Ingestion API will be: records batches, fails on demand. */
class FakeSiem {
  batches: DestinationBatch[] = [];
  failNext = 0;
  /** What a failing send throws (default: a 503). */
  failWith: PatchbayError | null = null;
  /** Resolves the send in flight only when released (to race a skip against it). */
  gate: Promise<void> | null = null;
  async send(batch: DestinationBatch): Promise<void> {
    if (this.gate) await this.gate;
    if (this.failNext > 0) {
      this.failNext--;
      throw this.failWith ?? new PatchbayError('DESTINATION_SEND_FAILED', { message: 'HTTP 503 from the collector' });
    }
    this.batches.push(batch);
  }
  ids = () => this.batches.flatMap((b) => b.events.map((e) => (e.body as { finding_info?: { uid?: string } }).finding_info?.uid ?? e.type));
}

const siem = new FakeSiem();
const fakeConnector = defineConnector({
  id: 'fake-siem',
  name: 'Fake SIEM',
  vendor: 'Patchbay tests',
  category: 'siem',
  version: '1.0.0',
  description: 'A stateless destination for engine tests',
  features: ['tests'],
  icon: '🧪',
  docsUrl: 'https://example.invalid/fake-siem',
  auth: [],
  config: z.object({}),
  capabilities: ['destination'],
  allowedHosts: ['siem.invalid'],
  minPlatformVersion: '0.1.0',
  destination: { formats: ['ocsf-json', 'splunk-hec', 'jsonata'], maxBatchEvents: 3, send: (_ctx, batch) => siem.send(batch) },
});

describe.each(testDatabaseKinds())('destination delivery on %s', (kind) => {
  let f: EventsFixture;
  let instanceId: string;
  let sourceId: string;
  beforeAll(async () => {
    Object.assign(siem, { batches: [], failNext: 0, failWith: null, gate: null });
    f = await createEventsFixture(kind, { connectors: [fakeConnector] });
    instanceId = (await f.engine.instances.create(f.actor, { name: 'siem', connectorId: 'fake-siem' })).id;
    sourceId = (await f.engine.instances.create(f.actor, { name: 'src', connectorId: 'fake-siem' })).id;
  });
  afterAll(async () => {
    await f.engine.destinations.stop();
    await f.close();
  });

  async function findings(...specs: [string, number][]): Promise<void> {
    await f.db.database.db.transaction((tx) =>
      emitEvents(
        tx,
        specs.map(([uid, severity]) => ({
          organizationId: f.actor.organizationId,
          instanceId: sourceId,
          type: 'record.created',
          occurredAt: f.clock.now(),
          data: { record_id: uid, instance_id: sourceId, stream: 's', external_id: uid, class_uid: 2004, severity_id: severity, record: { class_uid: 2004, severity_id: severity, time: 1, finding_info: { uid, title: uid }, metadata: { product: { name: 'P', vendor_name: 'V' } } } },
        })),
      ),
    );
  }

  it('starts at the end of the outbox, sends matching events in batches no larger than the connector takes, in order', async () => {
    await findings(['old', 5]);
    const d = await f.engine.destinations.create(f.actor, { name: 'hec', instanceId, format: 'splunk-hec', eventType: 'finding.created', filterCriteria: { severity_at_least: 4 } });
    await findings(['f1', 5], ['f2', 1], ['f3', 4], ['f4', 6], ['f5', 4], ['f6', 2]);
    await f.engine.destinations.drain();
    expect(siem.batches.map((b) => b.events.length)).toEqual([2, 2]);
    expect(siem.batches.flatMap((b) => b.events.map((e) => (e.body as { event: { finding_info: { uid: string } } }).event.finding_info.uid))).toEqual(['f1', 'f3', 'f4', 'f5']);
    expect(siem.batches[0]!.events[0]).toMatchObject({ type: 'finding.created', severityId: 5, instanceId: sourceId, body: { sourcetype: 'ocsf', fields: { class_uid: 2004 } } });
    expect((await f.engine.destinations.health(await f.engine.destinations.get(f.actor, d.id))).eventsBehind).toBe(0);
    await f.engine.destinations.remove(f.actor, d.id);
  });

  it('keeps the cursor on failure, backs off on the clock, raises destination.failing once, and recovers', async () => {
    siem.batches = [];
    const d = await f.engine.destinations.create(f.actor, { name: 'json', instanceId, eventType: 'record.*' });
    await findings(['g1', 3], ['g2', 3]);
    siem.failNext = 2;
    await f.engine.destinations.drain();
    let row = await f.engine.destinations.get(f.actor, d.id);
    expect(row).toMatchObject({ consecutiveFailures: 1, lastSeq: d.lastSeq, lastError: { code: 'DESTINATION_SEND_FAILED' } });
    expect(row.nextAttemptAt!.getTime() - f.clock.now().getTime()).toBe(1_000);
    expect(await f.engine.destinations.drain()).toBe(0); // not due yet
    f.clock.advance(1_000);
    await f.engine.destinations.drain();
    row = await f.engine.destinations.get(f.actor, d.id);
    expect(row.consecutiveFailures).toBe(2);
    expect(row.nextAttemptAt!.getTime() - f.clock.now().getTime()).toBe(5_000);
    f.clock.advance(5_000);
    await f.engine.destinations.drain();
    expect(siem.ids()).toEqual(['g1', 'g2']);
    row = await f.engine.destinations.get(f.actor, d.id);
    expect(row).toMatchObject({ consecutiveFailures: 0, lastError: null, eventsSent: 2 });
    const events = await f.db.database.query<{ type: string; data: Record<string, unknown> }>(`select type, data from outbox where type like 'destination.%' and data->>'destination_id' = $1 order by seq`, [d.id]);
    expect(events.map((e) => e.type)).toEqual(['destination.failing', 'destination.recovered']);
    // Its own health events are not forwarded to it, although they match record.*-less patterns such as *.
    await f.engine.destinations.update(f.actor, d.id, { eventType: '*' });
    siem.batches = [];
    await f.engine.destinations.drain();
    expect(siem.batches).toEqual([]);
    await f.engine.destinations.remove(f.actor, d.id);
  });

  it('retries the same batch, and a skip wins over a send still in flight (the late success does not move the cursor)', async () => {
    siem.batches = [];
    const d = await f.engine.destinations.create(f.actor, { name: 'race', instanceId });
    await findings(['x1', 3]);
    siem.failNext = 1;
    await f.engine.destinations.drain();
    await findings(['h1', 3]);
    // The retry is held at the receiver while the operator skips the batch.
    let release!: () => void;
    siem.gate = new Promise((r) => (release = r));
    f.clock.advance(1_000);
    const inFlight = f.engine.destinations.runOnce();
    try {
      await new Promise((r) => setTimeout(r, 100));
      const { skipped, row } = await f.engine.destinations.skip(f.actor, d.id);
      expect(skipped).toBe(1);
      release();
      siem.gate = null;
      await inFlight;
      expect(siem.batches.map((b) => b.events.length)).toEqual([1]); // the retried batch was exactly the failed one
      const after = await f.engine.destinations.get(f.actor, d.id);
      expect(after.lastSeq).toBe(row.lastSeq);
    } finally {
      release();
      siem.gate = null;
    }
    await f.engine.destinations.drain();
    expect(siem.ids()).toEqual(['x1', 'h1']); // x1 arrived late (at least once), h1 after the skip
    const page = await f.engine.destinations.deadLetters(f.actor, d.id, {});
    expect(page.items.map((l) => (l.payload as { data: { external_id: string } }).data.external_id)).toEqual(['x1']);
    await f.engine.destinations.remove(f.actor, d.id);
  });

  it('a template that cannot render an event fails its batch until the batch is skipped', async () => {
    siem.batches = [];
    const d = await f.engine.destinations.create(f.actor, { name: 'tpl', instanceId, format: 'jsonata', formatOptions: { template: 'record.finding_info.uid = "poison" ? $error("cannot render") : { "uid": record.finding_info.uid }' } });
    await findings(['poison', 3]);
    await f.engine.destinations.drain();
    expect((await f.engine.destinations.get(f.actor, d.id)).lastError).toMatchObject({ code: 'DESTINATION_FORMAT_FAILED' });
    await findings(['ok1', 3]);
    f.clock.advance(1_000);
    await f.engine.destinations.drain();
    expect((await f.engine.destinations.get(f.actor, d.id)).consecutiveFailures).toBe(2);
    expect((await f.engine.destinations.skip(f.actor, d.id)).skipped).toBe(1);
    await f.engine.destinations.drain();
    expect(siem.batches.flatMap((b) => b.events.map((e) => e.body))).toEqual([{ uid: 'ok1' }]);
    await f.engine.destinations.remove(f.actor, d.id);
  });

  it("waits out the receiver's Retry-After when it is longer than the backoff", async () => {
    siem.batches = [];
    const d = await f.engine.destinations.create(f.actor, { name: 'limited', instanceId, eventType: 'record.*' });
    await findings(['r1', 3]);
    siem.failNext = 1;
    siem.failWith = new PatchbayError('VENDOR_RATE_LIMITED', { message: 'HTTP 429 from the collector', retryAfterMs: 90_000 });
    await f.engine.destinations.drain();
    const row = await f.engine.destinations.get(f.actor, d.id);
    expect(row).toMatchObject({ consecutiveFailures: 1, lastError: { code: 'VENDOR_RATE_LIMITED' } });
    expect(row.nextAttemptAt!.getTime() - f.clock.now().getTime()).toBe(90_000); // not the 1 s of the first backoff step
    f.clock.advance(89_999);
    expect(await f.engine.destinations.drain()).toBe(0);
    f.clock.advance(1);
    await f.engine.destinations.drain();
    expect(siem.ids()).toEqual(['r1']);
    siem.failWith = null;
    await f.engine.destinations.remove(f.actor, d.id);
  });

  it('fails a send that outlasts the send timeout on the clock, and sends the batch again on the next attempt', async () => {
    siem.batches = [];
    const d = await f.engine.destinations.create(f.actor, { name: 'slow', instanceId, eventType: 'record.*' });
    await findings(['s1', 3]);
    let release!: () => void;
    siem.gate = new Promise<void>((resolve) => (release = resolve));
    const pending = f.clock.pending;
    const draining = f.engine.destinations.drain();
    // The send is in flight and its timeout waits on the clock.
    await expect.poll(() => f.clock.pending).toBeGreaterThan(pending);
    f.clock.advance(SEND_TIMEOUT_MS - 1);
    expect(await Promise.race([draining.then(() => 'drained'), new Promise((r) => setTimeout(() => r('sending'), 50))])).toBe('sending');
    f.clock.advance(1);
    await draining;
    const row = await f.engine.destinations.get(f.actor, d.id);
    expect(row).toMatchObject({ consecutiveFailures: 1, lastError: { code: 'DESTINATION_SEND_FAILED', message: `The destination did not take the batch within ${SEND_TIMEOUT_MS} ms` } });
    siem.gate = null;
    release();
    f.clock.advance(1_000);
    await f.engine.destinations.drain();
    expect(siem.ids()).toContain('s1');
    expect(await f.engine.destinations.get(f.actor, d.id)).toMatchObject({ consecutiveFailures: 0 });
    await f.engine.destinations.remove(f.actor, d.id);
  });
});
