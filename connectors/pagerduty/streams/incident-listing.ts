import type { ConnectorContext, QueryValue } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import { REST_HEADERS } from '../client/rest.ts';
import type { PagerDutyConfig } from '../config.ts';
import type { PagerDutyIncident } from '../mappers/incident-types.ts';

/** PagerDuty pages at most 10000 records of one listing: offset + limit may not exceed it (400 otherwise). */
export const MAX_LISTED = 10_000;

export interface ListingPage {
  readonly incidents: readonly PagerDutyIncident[];
  readonly more: boolean;
}

/**
 * One page of GET /incidents (https://developer.pagerduty.com/api-reference/9d0b4b12e36f9-list-incidents)
 * with classic offset pagination (https://developer.pagerduty.com/docs/rest-api-v2/pagination/): `limit`
 * (at most 100), `offset`, and `more` saying whether a next page exists. Sorted by creation, so a closed
 * creation window pages stably. 401/403/429/5xx are the HTTP client's.
 */
export async function listIncidents(ctx: ConnectorContext<PagerDutyConfig>, filter: Readonly<Record<string, QueryValue>>, offset: number): Promise<ListingPage> {
  const limit = ctx.config.page_size;
  if (offset + limit > MAX_LISTED) {
    throw new PatchbayError('CONFIG_INVALID', {
      field: 'window_days',
      message: `One incidents listing holds more than ${MAX_LISTED - limit} incidents: PagerDuty pages no further than ${MAX_LISTED}`,
      hint: 'Lower window_days (or restrict service_ids) so that each creation window holds fewer incidents.',
    });
  }
  const services = ctx.config.service_ids?.length ? { 'service_ids[]': ctx.config.service_ids } : {};
  const query = { ...filter, ...services, sort_by: 'created_at:asc', time_zone: 'UTC', limit, offset };
  const response = await ctx.http.get<{ incidents?: PagerDutyIncident[]; more?: boolean }>('/incidents', { query, headers: REST_HEADERS, operation: 'incidents' });
  const incidents = response.body?.incidents;
  if (!Array.isArray(incidents)) throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: 'PagerDuty answered GET /incidents without an incidents array', details: { status: response.status } });
  return { incidents, more: response.body.more === true && incidents.length > 0 };
}
