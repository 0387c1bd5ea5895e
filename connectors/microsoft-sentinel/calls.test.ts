import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { DestinationEvent } from '@patchbay/sdk';
import { planCalls } from './calls.ts';
import type { Row } from './row.ts';

const event = (n: number): DestinationEvent => ({ id: `e${n}`, seq: n, type: 'record.created', occurredAt: new Date(0), instanceId: null, severityId: null, body: {} });
/** Rows whose JSON is exactly `bytes` long: `{"n":<n>,"p":"xxx"}`. */
function rowOfSize(n: number, bytes: number): Row {
  const base = JSON.stringify({ n, p: '' }).length;
  return { n, p: 'x'.repeat(bytes - base) };
}
const ids = (calls: Awaited<ReturnType<typeof planCalls>>) => calls.flatMap((c) => c.eventIds);
const json = (body: Buffer, gzip: boolean) => JSON.parse((gzip ? gunzipSync(body) : body).toString('utf8')) as Row[];

describe('cutting a batch into calls', () => {
  it('fills each call up to the limit exactly, never over it, and keeps the order', async () => {
    // 10 rows of 99 bytes: an array of k rows takes 2 + 99k + (k - 1) bytes: 1001 for all ten, 901 for nine.
    const rows = Array.from({ length: 10 }, (_, n) => rowOfSize(n, 99));
    const events = rows.map((_, n) => event(n));
    expect((await planCalls(events, rows, { maxBytes: 1001, gzip: false })).map((c) => c.eventIds.length)).toEqual([10]);
    expect((await planCalls(events, rows, { maxBytes: 1000, gzip: false })).map((c) => c.eventIds.length)).toEqual([9, 1]);
    expect((await planCalls(events, rows, { maxBytes: 900, gzip: false })).map((c) => c.jsonBytes)).toEqual([801, 201]);
    const calls = await planCalls(events, rows, { maxBytes: 901, gzip: false });
    expect(calls.map((c) => c.eventIds.length)).toEqual([9, 1]);
    expect(calls.map((c) => c.jsonBytes)).toEqual([901, 101]);
    expect(calls.map((c) => c.body.length)).toEqual([901, 101]);
    expect(ids(calls)).toEqual(events.map((e) => e.id));
    expect(calls.flatMap((c) => json(c.body, false))).toEqual(rows);
  });

  it('with gzip, bodies are compressed and decode to the same rows; the JSON limit still holds', async () => {
    const rows = Array.from({ length: 40 }, (_, n) => rowOfSize(n, 500));
    const events = rows.map((_, n) => event(n));
    const calls = await planCalls(events, rows, { maxBytes: 2_048, gzip: true });
    expect(calls.length).toBeGreaterThan(1);
    for (const call of calls) {
      expect(call.jsonBytes).toBeLessThanOrEqual(2_048);
      expect(call.body.length).toBeLessThan(call.jsonBytes);
      expect(call.body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    }
    expect(calls.flatMap((c) => json(c.body, true))).toEqual(rows);
    expect(ids(calls)).toEqual(events.map((e) => e.id));
  });

  it('halves a call whose compressed body outgrew the limit', async () => {
    // Short rows compress badly: gzip's header and trailer make the body of a small call larger than its JSON.
    const rows = [{ k: 'Kq3Z8w' }, { x: 'u9TwQ1' }, { m: 'Pm2Xr7' }, { c: 'c7LdY0' }];
    const events = rows.map((_, n) => event(n));
    const maxBytes = Buffer.byteLength(JSON.stringify(rows));
    expect(gzipSync(JSON.stringify(rows)).length).toBeGreaterThan(maxBytes);
    expect(gzipSync(JSON.stringify(rows.slice(0, 2))).length).toBeLessThanOrEqual(maxBytes);
    const calls = await planCalls(events, rows, { maxBytes, gzip: true });
    expect(calls.map((c) => c.eventIds)).toEqual([['e0', 'e1'], ['e2', 'e3']]);
    for (const call of calls) expect(call.body.length).toBeLessThanOrEqual(maxBytes);
    expect(calls.flatMap((c) => json(c.body, true))).toEqual(rows);
  });

  it('fails the whole batch up front when one row cannot fit in any call, naming the event', async () => {
    const rows = [rowOfSize(0, 100), rowOfSize(1, 5_000), rowOfSize(2, 100)];
    await expect(planCalls(rows.map((_, n) => event(n)), rows, { maxBytes: 4_096, gzip: false })).rejects.toMatchObject({
      code: 'DESTINATION_SEND_FAILED',
      retryable: false,
      details: { event_id: 'e1', bytes: 5_002, max_bytes_per_call: 4_096 },
    });
  });

  it('counts bytes, not characters', async () => {
    const rows = [{ p: 'é'.repeat(500) }];
    await expect(planCalls([event(0)], rows, { maxBytes: 1_000, gzip: false })).rejects.toMatchObject({ details: { bytes: 1_010 } });
  });
});
