/**
 * How the pieces fit in a real stream: defineStream + incrementalByDatetime + paginateCursor over
 * ctx.http, with the cursor state inside the stream's checkpoint (the README example, executed).
 */
import { ManualClock } from '@patchbay/types';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ConnectorContext } from '../context.ts';
import { defineStream } from '../declare/define-stream.ts';
import type { Logger } from '../logger.ts';
import { paginateCursor } from '../paginate/cursor.ts';
import { collect, FakeHttpClient } from '../paginate/fake-http-client.ts';
import { datetimeCursorStateSchema } from './datetime-cursor.ts';
import { incrementalByDatetime } from './incremental-by-datetime.ts';

interface Detection {
  readonly id: string;
  readonly created_at: string;
}

const alerts = defineStream({
  name: 'alerts',
  ocsf: { class: 'detection_finding', classUid: 2004 },
  primaryKey: 'id',
  checkpoint: z.object({ cursor: datetimeCursorStateSchema }),
  fullRefresh: false,
  permissions: ['alerts:read'],
  fetch: async function* (ctx, checkpoint) {
    const pages = incrementalByDatetime<Detection>({
      clock: ctx.clock,
      state: checkpoint?.cursor,
      startAt: (now) => new Date(now.getTime() - 7 * 24 * 3600_000),
      overlapMs: 60_000,
      timestamp: (alert) => alert.created_at,
      id: (alert) => alert.id,
      order: 'ascending',
      query: ({ from, to }) =>
        paginateCursor<Detection>(ctx, {
          request: { url: '/v1/alerts', query: { from: from.toISOString(), to: to.toISOString(), sort: 'created_at:asc' }, operation: 'list-alerts' },
          items: 'data',
          nextToken: { body: 'meta.next' },
          sendToken: { query: 'cursor' },
        }),
    });
    for await (const page of pages) yield { records: page.records, checkpoint: { cursor: page.state } };
  },
  map: (alert) => ({ class_uid: 2004, finding_info: { uid: alert.id } }),
});

const data: Detection[] = [
  { id: 'a', created_at: '2026-01-01T00:00:00Z' },
  { id: 'b', created_at: '2026-01-01T00:00:05Z' },
  { id: 'c', created_at: '2026-01-01T00:00:05Z' },
];

/** Cursor pagination over the records in [from, to], two per page. */
const http = new FakeHttpClient((_request, url) => {
  const from = Date.parse(url.searchParams.get('from') ?? '');
  const to = Date.parse(url.searchParams.get('to') ?? '');
  const matched = data.filter((d) => Date.parse(d.created_at) >= from && Date.parse(d.created_at) <= to);
  const start = Number(url.searchParams.get('cursor') ?? 0);
  return { body: { data: matched.slice(start, start + 2), meta: { next: start + 2 < matched.length ? String(start + 2) : null } } };
});

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

function context(clock: ManualClock): ConnectorContext {
  return { config: {}, http, log: silent, clock, signal: new AbortController().signal, instanceId: 'test' };
}

describe('a stream built from the primitives', () => {
  it('syncs, checkpoints inside its own checkpoint schema and resumes without repeats', async () => {
    const clock = new ManualClock('2026-01-01T00:10:00Z');
    const first = await collect(alerts.fetch(context(clock), undefined));
    expect(first.map((p) => p.records.map((r) => r.id))).toEqual([['a', 'b'], ['c'], []]);
    const stored = alerts.checkpoint.parse(JSON.parse(JSON.stringify(first.at(-1)?.checkpoint)));
    data.push({ id: 'd', created_at: '2026-01-01T00:10:30Z' });
    clock.advance(60_000);
    const second = await collect(alerts.fetch(context(clock), stored));
    expect(second.flatMap((p) => p.records.map((r) => r.id))).toEqual(['d']);
    expect(http.urls.at(-1)).toContain('from=2026-01-01T00%3A09%3A00.000Z');
  });
});
