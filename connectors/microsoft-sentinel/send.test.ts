import { describe, expect, it } from 'vitest';
import connector from './connector.ts';
import { rowOf } from './row.ts';
import { DCR_ID } from './simulator/index.ts';
import { batchOf, eventsIn } from './testing/events.ts';
import { failure, useSender } from './testing/sender.ts';

const send = connector.destination!.send!;
const { setup } = useSender();

describe('sending a batch to the Logs Ingestion API', () => {
  it('posts every event as one row, in order, gzip-compressed, and resolves once the call got 204', async () => {
    const { s, ctx } = await setup();
    const events = await eventsIn('ocsf-json', 6);
    await send(ctx, batchOf('ocsf-json', events));
    expect(s.rows()).toEqual(events.map((e) => rowOf(e, 'ocsf-json')));
    expect(s.rows().map((r) => r.EventId)).toEqual(events.map((e) => e.id));
    expect(s.uploads).toHaveLength(1);
    expect(s.uploads[0]).toMatchObject({ rule: DCR_ID, status: 204, rows: 6, encoding: 'gzip', requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) });
    expect(s.uploads[0]!.bodyBytes).toBeLessThan(s.uploads[0]!.jsonBytes! / 2);
    expect(s.requests[0]).toMatchObject({ method: 'POST', query: { 'api-version': '2023-01-01' }, status: 204 });
  });

  it('sends plain JSON with gzip off, and custom rows in the jsonata format', async () => {
    const { s, ctx } = await setup({ config: { gzip: false } });
    const events = await eventsIn('jsonata', 3, { template: '{ "TimeGenerated": timestamp, "Title": record.finding_info.title, "EventId": id }' });
    await send(ctx, batchOf('jsonata', events));
    expect(s.uploads[0]).toMatchObject({ status: 204, encoding: undefined });
    expect(s.uploads[0]!.bodyBytes).toBe(s.uploads[0]!.jsonBytes);
    expect(s.rows()).toEqual(events.map((e) => e.body));
  });

  it('sends nothing for an empty batch', async () => {
    const { s, ctx } = await setup();
    await send(ctx, batchOf('ocsf-json', []));
    expect(s.requests).toEqual([]);
  });

  it('cuts a batch into calls under the limit, in order, so the endpoint never answers 413', async () => {
    const { s, ctx } = await setup({ simulator: { maxCallBytes: 8_192 }, config: { max_bytes_per_call: 8_192 } });
    const events = await eventsIn('ocsf-json', 40, { pad: 200 });
    await send(ctx, batchOf('ocsf-json', events));
    expect(s.uploads.length).toBeGreaterThan(5);
    for (const upload of s.uploads) {
      expect(upload.status).toBe(204);
      expect(upload.jsonBytes).toBeLessThanOrEqual(8_192);
    }
    expect(s.rows().map((r) => r.EventId)).toEqual(events.map((e) => e.id));
  });

  it('at the documented 1 MB: a batch of 500 real OCSF events goes in several calls of at most a million bytes', async () => {
    const { s, ctx } = await setup({ config: { gzip: false } });
    const events = await eventsIn('ocsf-json', 500, { pad: 2_000 });
    await send(ctx, batchOf('ocsf-json', events));
    expect(s.uploads.length).toBeGreaterThanOrEqual(2);
    expect(s.uploads.every((u) => u.status === 204 && u.bodyBytes <= 1_000_000)).toBe(true);
    expect(s.uploads.slice(0, -1).every((u) => u.bodyBytes > 990_000)).toBe(true);
    expect(s.rows().map((r) => r.EventId)).toEqual(events.map((e) => e.id));
  });

  it('keeps calls under a limit smaller than the endpoint’s: a larger max_bytes_per_call meets the 413', async () => {
    const { s, ctx } = await setup({ simulator: { maxCallBytes: 4_096 }, config: { max_bytes_per_call: 16_384, gzip: false } });
    const error = await failure(send(ctx, batchOf('ocsf-json', await eventsIn('ocsf-json', 10, { pad: 500 }))));
    expect(error).toMatchObject({ code: 'DESTINATION_SEND_FAILED', retryable: false, details: { status: 413, call: 1, max_bytes_per_call: 16_384 } });
    expect(error.hint).toMatch(/max_bytes_per_call/);
    expect(s.uploads.map((u) => u.status)).toEqual([413]);
  });

  it('fails a batch with a row that fits no call before sending any of it', async () => {
    const { s, ctx } = await setup({ config: { max_bytes_per_call: 2_048 } });
    const events = await eventsIn('ocsf-json', 3);
    const error = await failure(send(ctx, batchOf('ocsf-json', events)));
    expect(error).toMatchObject({ code: 'DESTINATION_SEND_FAILED', details: { event_id: events[0]!.id, max_bytes_per_call: 2_048 } });
    expect(s.requests).toEqual([]);
  });

  it('fails the batch at the first refused call; the engine’s retry sends the whole batch again (rows of earlier calls twice)', async () => {
    const { s, ctx } = await setup({ simulator: { maxCallBytes: 8_192 }, config: { max_bytes_per_call: 8_192 } });
    const events = await eventsIn('ocsf-json', 12, { pad: 1_500 });
    s.inject({ kind: 'server-errors', count: 4 }, { afterRequests: 1 });
    const error = await failure(send(ctx, batchOf('ocsf-json', events)));
    expect(error).toMatchObject({ code: 'VENDOR_UNAVAILABLE', details: { call: 2 } });
    const firstCall = s.rows().map((r) => r.EventId);
    expect(firstCall.length).toBeGreaterThan(0);
    await send(ctx, batchOf('ocsf-json', events));
    expect(s.rows().map((r) => r.EventId)).toEqual([...firstCall, ...events.map((e) => e.id)]);
  });
});
