import { datetimeCursorStateSchema, defineStream, incrementalByDatetime, readPath } from '@patchbay/sdk';
import { z } from 'zod';
import type { HttpJsonConfig } from '../config.ts';
import { mapRecord } from '../mappers/record.ts';
import { idOf, mappingOf, toItem, type HttpJsonItem } from './item.ts';
import { listPages } from './listing.ts';
import { listRequest } from './list-request.ts';
import { epochMsOf } from './time-value.ts';

/** One window for the whole range when none is configured (a hundred years). */
const WHOLE_RANGE_MS = 100 * 365 * 86_400_000;

export const recordsCheckpoint = z.object({ cursor: datetimeCursorStateSchema });

/**
 * Incremental on `cursor_field`: the SDK's datetime cursor, which compares (time, id) so equal times at a
 * page boundary lose and repeat nothing, reads `overlap_seconds` back for late records, and for a
 * newest-first API reads each window whole and replays it oldest first. Inactive (yields nothing)
 * without a cursor field: the `inventory` stream reads such sources.
 */
export const records = defineStream<HttpJsonItem, typeof recordsCheckpoint, HttpJsonConfig>({
  name: 'records',
  title: 'Records (incremental)',
  description: 'Records changed since the last run, by cursor_field. Active when cursor_field is set.',
  ocsf: { class: 'base_event' },
  primaryKey: 'id',
  checkpoint: recordsCheckpoint,
  fullRefresh: false,
  permissions: [],
  schedule: { intervalMinutes: 15 },
  async *fetch(ctx, checkpoint) {
    const config = ctx.config;
    const cursorField = config.cursor_field;
    if (cursorField === undefined) return;
    const mapping = mappingOf(config);
    const size = config.pagination.type === 'none' ? 500 : config.pagination.page_size;
    const pages = incrementalByDatetime<unknown>({
      clock: ctx.clock,
      state: checkpoint?.cursor,
      startAt: config.start_at ? new Date(config.start_at) : new Date(0),
      overlapMs: config.overlap_seconds * 1000,
      timestamp: (record) => epochMsOf(readPath(record, cursorField), cursorField),
      id: (record) => idOf(record, config.id_field),
      order: config.order,
      windowMs: config.window_hours !== undefined ? config.window_hours * 3_600_000 : config.order === 'descending' ? WHOLE_RANGE_MS : undefined,
      pageSize: size,
      // Without an upper bound the API cannot narrow a window, so halving one would only read it again.
      ...(config.until_param === undefined ? { maxBuffered: Number.MAX_SAFE_INTEGER } : {}),
      query: async function* (window) {
        for await (const page of listPages(ctx, config, listRequest(config, 'records', window))) yield page.items;
      },
    });
    for await (const page of pages) yield { records: page.records.map((record) => toItem(record, mapping)), checkpoint: { cursor: page.state } };
  },
  map: mapRecord,
});
