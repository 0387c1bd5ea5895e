import { paginateLink, type ConnectorContext, type HttpRequest } from '@patchbay/sdk';
import { z } from 'zod';
import type { OktaConfig } from '../config.ts';

/** `next`: the Link rel="next" URL to go on from after the last committed page; null once the listing is read to the end. */
export const inventoryCheckpoint = z.object({ next: z.string().nullable() });
export type InventoryCheckpoint = z.output<typeof inventoryCheckpoint>;

/**
 * A full listing of one Okta collection with Okta's cursor pagination
 * (https://developer.okta.com/docs/api/#pagination): `limit` on the first request, then the absolute URL
 * of the `Link: <...>; rel="next"` header, which carries the opaque `after` cursor; no next link on the
 * last page. Resumes from a stored next link after a crash; yields nothing once a listing has completed.
 */
export async function* listInventory<Item>(
  ctx: ConnectorContext<OktaConfig>,
  request: HttpRequest,
  checkpoint: InventoryCheckpoint | undefined,
): AsyncGenerator<{ records: readonly Item[]; checkpoint: InventoryCheckpoint }> {
  if (checkpoint?.next === null) return;
  const pages = paginateLink<Item>(ctx, { request, items: '', ...(checkpoint?.next ? { start: checkpoint.next } : {}) });
  for await (const page of pages) yield { records: page.items, checkpoint: { next: page.next } };
}
