import type { ConnectorContext, TicketDraft } from '@patchbay/sdk';
import type { ServiceNowConfig } from '../config.ts';
import type { TableRecord } from '../table-record.ts';
import { correlationIdOf } from './correlation.ts';
import { createBody } from './incident-body.ts';
import { findIncident, insertIncident } from './incident-api.ts';

/**
 * Opens the incident of a draft, or finds the one opened before with the same dedup key: the body is
 * checked first (a refused field mapping sends nothing), then the key is looked up as correlation_id,
 * then the incident is inserted.
 */
export async function openIncident(ctx: ConnectorContext<ServiceNowConfig>, draft: TicketDraft): Promise<{ readonly record: TableRecord; readonly created: boolean }> {
  const body = createBody(ctx.config, draft);
  const correlation = correlationIdOf(draft.dedupKey);
  const existing = await findIncident(ctx, `correlation_id=${correlation}`, `the incident with correlation_id ${correlation}`);
  return existing ? { record: existing, created: false } : { record: await insertIncident(ctx, body), created: true };
}
