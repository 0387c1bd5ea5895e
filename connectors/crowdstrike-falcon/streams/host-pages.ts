import type { ConnectorContext } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { apiUrl, type CrowdStrikeConfig } from '../config.ts';
import type { HostRecord } from '../mappers/host.ts';
import { expiringTokenContext } from './expired-token.ts';
import { resourcesOf, type FalconBody } from './falcon-body.ts';

/** Where a host listing stands: the scroll pointer for the next page (null once read to the end) and the ids read so far. */
export interface ScrollPosition {
  readonly offset: string | null;
  readonly read: number;
}

export interface HostPage {
  readonly hosts: readonly HostRecord[];
  readonly next: ScrollPosition;
}

/** PostDeviceDetailsV2 takes up to 5000 ids per call, the scroll's own maximum page. */
export const MAX_HOST_DETAILS = 5000;

async function details(ctx: ConnectorContext<CrowdStrikeConfig>, ids: readonly string[]): Promise<HostRecord[]> {
  if (ids.length === 0) return [];
  const response = await ctx.http.post<FalconBody<HostRecord>>(apiUrl(ctx.config, '/devices/entities/devices/v2'), { ids }, { operation: 'get-hosts' });
  return [...resourcesOf(response.body)];
}

/**
 * Every host, page by page: ids from GET /devices/queries/devices-scroll/v1 (continuous pagination on an
 * `offset` pointer that expires after two minutes), details from POST /devices/entities/devices/v2. The
 * listing ends when the ids read reach `meta.pagination.total` (the pointer is handed out even on the
 * last page), or without a pointer. A page without ids that leaves the total unreached goes on.
 */
export async function* hostPages(ctx: ConnectorContext<CrowdStrikeConfig>, start?: ScrollPosition): AsyncGenerator<HostPage> {
  const paging = expiringTokenContext(ctx, 'offset');
  let offset = start?.offset ?? undefined;
  let read = start?.read ?? 0;
  for (;;) {
    ctx.signal.throwIfAborted();
    const response = await paging.http.get<FalconBody<string>>(apiUrl(ctx.config, '/devices/queries/devices-scroll/v1'), {
      query: { limit: Math.min(ctx.config.page_size, MAX_HOST_DETAILS), ...(offset ? { offset } : {}) },
      operation: 'scroll-host-ids',
    });
    const ids = resourcesOf(response.body);
    const pagination = response.body?.meta?.pagination;
    const pointer = typeof pagination?.offset === 'string' && pagination.offset !== '' ? pagination.offset : undefined;
    read += ids.length;
    const done = pointer === undefined || (typeof pagination?.total === 'number' ? read >= pagination.total : ids.length === 0);
    if (!done && ids.length === 0 && pointer === offset) {
      throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: 'The host scroll handed back the pointer it was sent with no hosts; paging would never end' });
    }
    yield { hosts: await details(ctx, ids), next: { offset: done ? null : pointer!, read } };
    if (done) return;
    offset = pointer;
  }
}
