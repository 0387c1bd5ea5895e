import type { ConnectorContext } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';
import type { ServiceNowConfig } from '../config.ts';
import type { TableRecord } from '../table-record.ts';
import { tablePages, type TableListing } from './table-pages.ts';

/**
 * `offset`: where the listing goes on after the last committed page (null once it is read to the end);
 * `total`: X-Total-Count when that page was read, so a resumed run sees whether records were deleted
 * before the offset in the meantime (which moves every later record back).
 */
export const inventoryCheckpoint = z.object({ offset: z.number().int().min(0).nullable(), total: z.number().int().min(0).nullable() });
export type InventoryCheckpoint = z.output<typeof inventoryCheckpoint>;

/** A listing that keeps losing records while it is read is given up after this many fresh starts. */
const MAX_RESTARTS = 3;

/**
 * A full listing of an inventory table, ordered by sys_id (stable: a record changing does not move it).
 * Offsets only stay right while no record before them disappears: when X-Total-Count falls between pages
 * (or since the checkpoint), the listing starts again from the first page, so no live record is missed
 * and wrongly marked deleted at the end of the run. Records read twice are unchanged the second time.
 */
export async function* listInventory(
  ctx: ConnectorContext<ServiceNowConfig>,
  listing: Omit<TableListing, 'orderBy'>,
  checkpoint: InventoryCheckpoint | undefined,
): AsyncGenerator<{ records: readonly TableRecord[]; checkpoint: InventoryCheckpoint }> {
  if (checkpoint?.offset === null) return;
  let start = checkpoint?.offset ?? 0;
  let expected = checkpoint?.total ?? undefined;
  for (let restarts = 0; ; restarts += 1) {
    let restart = false;
    for await (const page of tablePages(ctx, { ...listing, orderBy: ['sys_id'] }, start)) {
      const fellSinceCheckpoint = expected !== undefined && page.total !== undefined && page.total < expected && page.offset === start && start > 0;
      if (page.shrunk || fellSinceCheckpoint) {
        restart = true;
        break;
      }
      expected = undefined;
      yield { records: page.records, checkpoint: { offset: page.next, total: page.total ?? null } };
    }
    if (!restart) return;
    if (restarts >= MAX_RESTARTS) {
      throw new PatchbayError('VENDOR_UNAVAILABLE', {
        message: `ServiceNow's ${listing.table} table lost records while it was being read, ${MAX_RESTARTS + 1} times: the run stops rather than mark live records deleted`,
        details: { table: listing.table },
      });
    }
    ctx.log.info({ table: listing.table }, 'records left the listing while it was read; reading it again from the start');
    start = 0;
    expected = undefined;
  }
}
