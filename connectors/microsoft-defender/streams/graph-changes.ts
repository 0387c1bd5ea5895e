import { datetimeCursorStateSchema, incrementalByDatetime, type ConnectorContext, type DatetimePage } from '@patchbay/sdk';
import { z } from 'zod';
import type { DefenderConfig } from '../config.ts';
import { odataPages } from './odata-pages.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const graphCheckpoint = z.object({ cursor: datetimeCursorStateSchema });
export type GraphCheckpoint = z.output<typeof graphCheckpoint>;

interface Changed {
  readonly id: string;
  readonly lastUpdateDateTime: string;
}

/** `$filter` for records changed in `[from, to]` (OData DateTimeOffset literals are unquoted). */
export function changedBetween(from: Date, to: Date): string {
  return `lastUpdateDateTime ge ${from.toISOString()} and lastUpdateDateTime le ${to.toISOString()}`;
}

/**
 * The records of a Graph security collection (`security/alerts_v2`, `security/incidents`) changed since
 * the checkpoint, on `lastUpdateDateTime` with `$filter` and `$top`, following `@odata.nextLink`. Graph
 * lists these collections newest first and offers no `$orderby` on them, so each window is read whole and
 * replayed oldest first; the SDK's datetime cursor compares (time, id), so records sharing a time lose
 * and repeat nothing, and an overlap catches records Microsoft updates late.
 */
export function graphChanges<Raw extends Changed>(ctx: ConnectorContext<DefenderConfig>, checkpoint: GraphCheckpoint | undefined, path: string, operation: string): AsyncIterable<DatetimePage<Raw>> {
  const config = ctx.config;
  return incrementalByDatetime<Raw>({
    clock: ctx.clock,
    state: checkpoint?.cursor,
    startAt: (now) => new Date(now.getTime() - config.lookback_days * DAY),
    overlapMs: config.overlap_minutes * MINUTE,
    timestamp: (record) => record.lastUpdateDateTime,
    id: (record) => record.id,
    order: 'descending',
    windowMs: config.window_hours * HOUR,
    pageSize: config.page_size,
    query: async function* (window) {
      const request = { url: path, query: { $filter: changedBetween(window.from, window.to), $top: config.page_size }, operation };
      for await (const page of odataPages<Raw>(ctx, request)) yield page.items;
    },
  });
}
