import { PatchbayError } from '@patchbay/types';
import type { HttpRequest } from '../http/types.ts';
import { sendPage, type Page, type PaginateContext } from './page.ts';
import { selectItems, type ItemsSelector } from './selectors.ts';

/** Where a two-step listing stands: the ids listing's own resume state and the ids not yet detailed. */
export interface IdsThenDetailsState<Id, IdsState> {
  /** Resume state of the ids listing after the page `pending` came from; null when that was its last page. */
  readonly ids: IdsState | null;
  readonly pending: readonly Id[];
}

export interface IdsThenDetailsOptions<Id, Item, IdsState> {
  /** Lists ids with its own pagination, from a resume state (`undefined`: from the start). */
  readonly ids: (start: IdsState | undefined) => AsyncIterable<Page<Id, IdsState>>;
  /** The details request for one batch of ids. */
  readonly details: (ids: readonly Id[]) => HttpRequest;
  readonly items: ItemsSelector<Item>;
  /** Ids per details call (the vendor's maximum: CrowdStrike 1000, GuardDuty 50). */
  readonly batchSize: number;
  readonly start?: IdsThenDetailsState<Id, IdsState>;
}

/** A page of details, with the batch of ids it was asked for. */
export interface DetailsPage<Id, Item, IdsState> extends Page<Item, IdsThenDetailsState<Id, IdsState>> {
  readonly ids: readonly Id[];
}

/**
 * The two-step pattern: list ids (CrowdStrike `queries/alerts`, GuardDuty `ListFindings`), then fetch
 * details in batches (`entities/alerts`, `GetFindings`). Each details page's `next` holds the ids of the
 * current ids page not yet fetched, so a restart neither skips nor re-fetches a batch. The listing ends
 * when the ids listing does; an empty ids page yields nothing.
 */
export async function* paginateIdsThenDetails<Id, Item, IdsState>(
  ctx: PaginateContext,
  options: IdsThenDetailsOptions<Id, Item, IdsState>,
): AsyncGenerator<DetailsPage<Id, Item, IdsState>, void, undefined> {
  if (!Number.isInteger(options.batchSize) || options.batchSize < 1) {
    throw new PatchbayError('INTERNAL', { message: `batchSize must be a positive integer, not ${options.batchSize}` });
  }
  let index = 0;
  async function* detail(pending: readonly Id[], idsNext: IdsState | null) {
    for (let rest = pending; rest.length > 0; ) {
      const batch = rest.slice(0, options.batchSize);
      rest = rest.slice(options.batchSize);
      const response = await sendPage(ctx, options.details(batch));
      const next = rest.length === 0 && idsNext === null ? null : { ids: idsNext, pending: rest };
      yield { items: selectItems(response, options.items), response, next, index, ids: batch };
      index += 1;
    }
  }
  const { start } = options;
  if (start !== undefined) {
    yield* detail(start.pending, start.ids);
    if (start.ids === null) return;
  }
  for await (const page of options.ids(start?.ids ?? undefined)) {
    yield* detail(page.items, page.next);
  }
}
