import type { DestinationEvent, DestinationFormat } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/** One row of the JSON array a call posts: an object whose keys the DCR's stream declaration names. */
export type Row = Readonly<Record<string, unknown>>;

/**
 * The row an event becomes.
 *
 * `ocsf-json`: the columns a DCR transformation needs to route and shape the event without parsing:
 * `TimeGenerated` (when the event happened at the hub, ISO 8601), `EventId` (the outbox event id, stable
 * across retries and replays: deduplicate on it), `EventType` (`record.created`, `finding.created`...),
 * `SourceInstanceId`, then every top-level attribute of the OCSF record as its own column (`class_uid`,
 * `severity_id`, `time`, `finding_info`, `metadata`, `device`...; objects are `dynamic`). Other events (no
 * OCSF record) carry their `data` object instead. OCSF attribute names are snake_case, so they never
 * collide with the four PascalCase columns.
 *
 * `jsonata`: the template's object is the row as it is (a custom shape, TimeGenerated included if the
 * stream declares it). A template giving a string cannot be a row.
 */
export function rowOf(event: DestinationEvent, format: DestinationFormat): Row {
  const body = event.body;
  if (typeof body === 'string') {
    throw new PatchbayError('DESTINATION_FORMAT_FAILED', {
      message: `Event ${event.id} was rendered as text; the Logs Ingestion API takes JSON objects as rows`,
      hint: 'Make the jsonata template return an object (one row), or use the ocsf-json format.',
      details: { event_id: event.id, format },
    });
  }
  if (format === 'jsonata') return body;
  const row: Record<string, unknown> = {
    TimeGenerated: event.occurredAt.toISOString(),
    EventId: event.id,
    EventType: event.type,
    SourceInstanceId: event.instanceId,
  };
  const isRecord = typeof body.class_uid === 'number';
  const columns = isRecord ? body : { data: body.data ?? null };
  for (const [name, value] of Object.entries(columns)) if (!(name in row)) row[name] = value;
  return row;
}
