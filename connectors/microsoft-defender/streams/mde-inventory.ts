import type { ConnectorContext, StreamPage } from '@patchbay/sdk';
import { z } from 'zod';
import { mdeUrl, type DefenderConfig } from '../config.ts';
import { odataPages } from './odata-pages.ts';

/** `next`: the `@odata.nextLink` after the last committed page; null once the listing was read to the end. */
export const inventoryCheckpoint = z.object({ next: z.string().nullable() });
export type InventoryCheckpoint = z.output<typeof inventoryCheckpoint>;

export interface InventoryListing {
  /** Path under `mde_url`: `/api/machines`. */
  readonly path: string;
  /** The page size parameter the endpoint documents: `$top` or `pageSize`. */
  readonly pageParam: '$top' | 'pageSize';
  readonly operation: string;
}

/**
 * A full read of a Defender for Endpoint collection, following `@odata.nextLink`. Each page's checkpoint
 * is the next link, so a run stopped mid-listing resumes there; the engine resets the checkpoint when a
 * run completes and marks what the run did not see as deleted.
 */
export async function* readInventory<Raw>(ctx: ConnectorContext<DefenderConfig>, checkpoint: InventoryCheckpoint | undefined, listing: InventoryListing): AsyncGenerator<StreamPage<Raw, InventoryCheckpoint>> {
  if (checkpoint?.next === null) return;
  const request = { url: mdeUrl(ctx.config, listing.path), query: { [listing.pageParam]: ctx.config.mde_page_size }, operation: listing.operation };
  for await (const page of odataPages<Raw>(ctx, request, checkpoint?.next)) yield { records: page.items, checkpoint: { next: page.next } };
}
