import { findLink, type ConnectorContext } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { ServiceNowConfig } from '../config.ts';
import { READ_PARAMS, type TableRecord } from '../table-record.ts';

/** One listing of a table: encoded-query conditions (without ordering) and the fields it is ordered by. */
export interface TableListing {
  readonly table: string;
  readonly conditions: readonly string[];
  readonly orderBy: readonly string[];
  readonly operation: string;
}

export interface TablePage {
  readonly records: readonly TableRecord[];
  /** The offset this page was read at. */
  readonly offset: number;
  /** The offset of the next page; null after the last one. */
  readonly next: number | null;
  /** X-Total-Count: how many records the query matches, before ACLs filter them out of pages. */
  readonly total: number | undefined;
  /**
   * The query matches fewer records than it did for the previous page: records left the result before the
   * offset, so the later offsets moved back and a record may have been skipped. The caller reads again.
   */
  readonly shrunk: boolean;
}

/** The sysparm_query of a listing: conditions ANDed, then ORDERBY clauses. */
export function encodedQuery(listing: Pick<TableListing, 'conditions' | 'orderBy'>): string {
  return [...listing.conditions.filter((c) => c !== ''), ...listing.orderBy.map((field) => `ORDERBY${field}`)].join('^');
}

function totalOf(headers: Headers): number | undefined {
  const text = headers.get('x-total-count');
  if (text === null) return undefined;
  const total = Number(text);
  if (!Number.isInteger(total) || total < 0) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `ServiceNow answered an X-Total-Count that is not a count: ${JSON.stringify(text.slice(0, 20))}` });
  return total;
}

/**
 * Reads a table page by page with `sysparm_offset` and `sysparm_limit`
 * (https://www.servicenow.com/docs/r/api-reference/rest-apis/c_TableAPI.html, GET /now/table/{tableName}).
 * The next offset is the previous one plus the limit, not plus the records received: ServiceNow applies
 * ACLs after the query, so a page can hold fewer records than asked (even none) while the listing goes on.
 * The end is where X-Total-Count says it is; without that header, where the Link header has no "next";
 * without either, at a short page.
 */
export async function* tablePages(ctx: ConnectorContext<ServiceNowConfig>, listing: TableListing, start = 0): AsyncGenerator<TablePage> {
  const limit = ctx.config.page_size;
  let previousTotal: number | undefined;
  for (let offset = start; ; ) {
    ctx.signal.throwIfAborted();
    const response = await ctx.http.get<{ result?: unknown }>(`/api/now/table/${listing.table}`, {
      query: { sysparm_query: encodedQuery(listing), ...READ_PARAMS, sysparm_limit: limit, sysparm_offset: offset },
      operation: listing.operation,
    });
    const result = response.body?.result;
    if (!Array.isArray(result)) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `ServiceNow answered ${listing.operation} without a result list`, details: { operation: listing.operation } });
    const total = totalOf(response.headers);
    const shrunk = previousTotal !== undefined && total !== undefined && total < previousTotal;
    previousTotal = total;
    const following = offset + limit;
    const more =
      total !== undefined ? following < total : response.headers.get('link') !== null ? findLink(response.headers.get('link'), 'next', response.url) !== undefined : result.length >= limit;
    const next = more ? following : null;
    yield { records: result as TableRecord[], offset, next, total, shrunk };
    if (next === null) return;
    offset = next;
  }
}
