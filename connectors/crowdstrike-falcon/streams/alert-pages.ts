import type { ConnectorContext, TimeWindow } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { apiUrl, type CrowdStrikeConfig } from '../config.ts';
import type { AlertRecord } from '../mappers/alert.ts';
import { epochOf } from '../mappers/vendor-time.ts';
import { resourcesOf, type FalconBody } from './falcon-body.ts';
import { andFql, updatedWithin } from './fql.ts';

/** GetQueriesAlertsV2 pages by offset, and offset + limit may not pass 10 000 (its documented maximum). */
export const MAX_ALERT_OFFSET = 10_000;
/** PostEntitiesAlertsV2 takes up to 1000 composite ids per call. */
export const MAX_ALERT_DETAILS = 1000;

async function details(ctx: ConnectorContext<CrowdStrikeConfig>, ids: readonly string[]): Promise<AlertRecord[]> {
  const response = await ctx.http.post<FalconBody<AlertRecord>>(apiUrl(ctx.config, '/alerts/entities/alerts/v2'), { composite_ids: ids }, { operation: 'get-alerts' });
  const byId = new Map(resourcesOf(response.body).map((alert) => [alert.composite_id, alert] as const));
  // Keep the query's order (updated_timestamp ascending): the datetime cursor relies on it.
  return ids.map((id) => byId.get(id)).filter((alert): alert is AlertRecord => alert !== undefined);
}

/**
 * Alerts updated in the window, oldest first: ids from GET /alerts/queries/alerts/v2 (FQL on
 * updated_timestamp, sort updated_timestamp|asc, offset paging), each page's entities from
 * POST /alerts/entities/alerts/v2. Where offset paging would pass 10 000 the query starts again from the
 * last updated_timestamp read (keyset paging); records read twice there are dropped by the cursor.
 */
export async function* alertPages(ctx: ConnectorContext<CrowdStrikeConfig>, window: TimeWindow): AsyncGenerator<AlertRecord[]> {
  const limit = Math.min(ctx.config.page_size, MAX_ALERT_DETAILS);
  let from = window.from;
  let offset = 0;
  for (;;) {
    ctx.signal.throwIfAborted();
    const filter = andFql(updatedWithin('updated_timestamp', { from, to: window.to }), ctx.config.alert_filter);
    const response = await ctx.http.get<FalconBody<string>>(apiUrl(ctx.config, '/alerts/queries/alerts/v2'), {
      query: { filter, sort: 'updated_timestamp|asc', limit, offset },
      operation: 'query-alert-ids',
    });
    const ids = resourcesOf(response.body);
    const alerts = ids.length > 0 ? await details(ctx, ids) : [];
    if (alerts.length > 0) yield alerts;
    offset += ids.length;
    const total = response.body?.meta?.pagination?.total;
    if (ids.length === 0 || (typeof total === 'number' ? offset >= total : ids.length < limit)) return;
    if (offset + limit > MAX_ALERT_OFFSET) {
      const last = alerts.at(-1)?.updated_timestamp;
      const next = last === undefined ? Number.NaN : epochOf(last, 'updated_timestamp');
      if (!Number.isFinite(next) || next <= from.getTime()) {
        throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `More than ${MAX_ALERT_OFFSET} alerts share one updated_timestamp; the Alerts API cannot page past them`, details: { from: from.toISOString() } });
      }
      from = new Date(next);
      offset = 0;
    }
  }
}
