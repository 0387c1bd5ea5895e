import { defineStream, type ConnectorContext } from '@patchbay/sdk';
import { isPatchbayError } from '@patchbay/types';
import { z } from 'zod';
import type { HttpJsonConfig } from '../config.ts';
import { mapRecord } from '../mappers/record.ts';
import { mappingOf, toItem, type HttpJsonItem } from './item.ts';
import { listPages, type ListingPage, type PagePosition } from './listing.ts';
import { listRequest, storableLink } from './list-request.ts';

/** `next`: where the listing goes on after the last committed page; null once it has been read to the end. */
export const inventoryCheckpoint = z.object({ next: z.union([z.string(), z.number()]).nullable() });

function storable(config: HttpJsonConfig, next: PagePosition | null): PagePosition | null {
  return config.pagination.type === 'link' && typeof next === 'string' ? storableLink(next) : next;
}

/**
 * Reads the listing from `start`. A stored page token or link the API has expired since (410 on the very
 * first request) restarts the listing from the beginning: re-read records are only touched, never
 * duplicated, and the run's deletion detection is unaffected.
 */
async function* listFrom(ctx: ConnectorContext<HttpJsonConfig>, start: PagePosition | undefined): AsyncGenerator<ListingPage> {
  const request = listRequest(ctx.config, 'inventory');
  let read = false;
  try {
    for await (const page of listPages(ctx, ctx.config, request, start)) {
      read = true;
      yield page;
    }
  } catch (error) {
    if (read || start === undefined || !(isPatchbayError(error) && error.code === 'PAGE_TOKEN_EXPIRED')) throw error;
    ctx.log.warn({ stream: 'inventory' }, 'the stored page position has expired; reading the listing from the start');
    yield* listPages(ctx, ctx.config, request);
  }
}

/**
 * Full refresh: every run reads the whole listing (resuming mid-listing after a crash), and the engine
 * marks records the run did not see as deleted. Active when no cursor_field is set; the `records`
 * stream handles incremental sources.
 */
export const inventory = defineStream<HttpJsonItem, typeof inventoryCheckpoint, HttpJsonConfig>({
  name: 'inventory',
  title: 'Inventory (full refresh)',
  description: 'Every record on every run; records that disappeared are marked deleted. Active when cursor_field is empty.',
  ocsf: { class: 'base_event' },
  primaryKey: 'id',
  checkpoint: inventoryCheckpoint,
  fullRefresh: true,
  permissions: [],
  schedule: { intervalMinutes: 60 },
  async *fetch(ctx, checkpoint) {
    const config = ctx.config;
    if (config.cursor_field !== undefined || checkpoint?.next === null) return;
    const mapping = mappingOf(config);
    for await (const page of listFrom(ctx, checkpoint?.next)) {
      yield { records: page.items.map((record) => toItem(record, mapping)), checkpoint: { next: storable(config, page.next) } };
    }
  },
  map: mapRecord,
});
