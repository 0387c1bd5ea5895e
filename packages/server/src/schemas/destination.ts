import { z } from 'zod';
import { destinationFormats } from '@patchbay/sdk';
import type { DeadLetterRow, DestinationHealth, DestinationRow } from '@patchbay/engine';
import { iso, isoOrNull, toIso } from './common.ts';
import { filterCriteria } from './event.ts';

const format = z.enum(destinationFormats).describe('ocsf-json, splunk-hec, cef, leef (2.0), rfc5424, or jsonata (format_options.template); the connector says which it takes');

const formatOptions = z
  .object({
    hostname: z.string().max(255).optional(),
    app_name: z.string().max(48).optional(),
    facility: z.number().int().min(0).max(23).optional(),
    sd_id: z.string().max(32).optional(),
    index: z.string().max(200).optional(),
    source: z.string().max(200).optional(),
    sourcetype: z.string().max(200).optional(),
    leef_delimiter: z.string().min(1).max(2).optional(),
    template: z.string().max(20_000).optional().describe('jsonata: an expression over { id, type, timestamp, instance_id, data, record }'),
  })
  .strict();

const fields = {
  name: z.string().min(1).max(200),
  format: format.optional(),
  format_options: formatOptions.optional(),
  event_type: z.string().min(1).max(200).optional().describe('Which events: a type, a prefix pattern (record.*, the default) or *'),
  source_instance_id: z.uuid().nullable().optional().describe('Only events from this source instance'),
  filter_criteria: filterCriteria.optional().describe('The event subscriptions filter: class_uids, severity_at_least, instance_ids, tags, predicate'),
  is_active: z.boolean().optional(),
};

export const createDestinationBody = z.object({ ...fields, instance_id: z.uuid().describe('An instance of a connector with the destination capability') }).strict();
export const updateDestinationBody = z.object(fields).partial().strict();
export const replayBody = z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }).strict();
export const destinationQuery = { instance_id: z.uuid().optional() };

export const destinationJson = z.object({
  id: z.uuid(),
  name: z.string(),
  instance_id: z.uuid(),
  format,
  format_options: z.record(z.string(), z.unknown()),
  event_type: z.string(),
  source_instance_id: z.uuid().nullable(),
  filter_criteria: z.record(z.string(), z.unknown()),
  is_active: z.boolean(),
  health: z.object({
    state: z.enum(['healthy', 'failing', 'paused']),
    events_behind: z.number().int().describe('Outbox events of the organisation after the cursor'),
    oldest_unsent_at: isoOrNull,
    oldest_unsent_age_seconds: z.number(),
    consecutive_failures: z.number().int(),
    failing_since: isoOrNull,
    next_attempt_at: isoOrNull,
    last_error: z.object({ code: z.string(), message: z.string() }).nullable(),
    last_sent_at: isoOrNull,
    events_sent: z.number().int(),
  }),
  cursor: z.number().int().describe('The last outbox seq sent, skipped or filtered out'),
  replay: z.object({ from: iso, to: iso, position: z.number().int(), until: z.number().int() }).nullable(),
  created_by: z.uuid().nullable(),
  created_at: iso,
  updated_at: iso,
});

export const deadLetterJson = z.object({ id: z.uuid(), event_id: z.uuid(), seq: z.number().int(), event_type: z.string(), occurred_at: iso, payload: z.record(z.string(), z.unknown()), reason: z.record(z.string(), z.unknown()).nullable(), skipped_by: z.uuid().nullable(), created_at: iso });

export function toDestinationJson(r: DestinationRow, h: DestinationHealth): z.infer<typeof destinationJson> {
  const error = r.lastError as { code?: unknown; message?: unknown } | null;
  return {
    id: r.id,
    name: r.name,
    instance_id: r.instanceId,
    format: r.format as z.infer<typeof format>,
    format_options: r.formatOptions,
    event_type: r.eventType,
    source_instance_id: r.sourceInstanceId,
    filter_criteria: r.filterCriteria,
    is_active: r.isActive,
    health: {
      state: h.state,
      events_behind: h.eventsBehind,
      oldest_unsent_at: toIso(h.oldestUnsentAt),
      oldest_unsent_age_seconds: h.oldestUnsentAgeSeconds,
      consecutive_failures: r.consecutiveFailures,
      failing_since: toIso(r.failingSince),
      next_attempt_at: toIso(r.nextAttemptAt),
      last_error: error ? { code: String(error.code), message: String(error.message) } : null,
      last_sent_at: toIso(r.lastSentAt),
      events_sent: r.eventsSent,
    },
    cursor: r.lastSeq,
    replay: r.replaySeq === null ? null : { from: toIso(r.replayFrom)!, to: toIso(r.replayTo)!, position: r.replaySeq, until: r.replayUntilSeq ?? r.lastSeq },
    created_by: r.createdBy,
    created_at: toIso(r.createdAt)!,
    updated_at: toIso(r.updatedAt)!,
  };
}

export function toDeadLetterJson(r: DeadLetterRow): z.infer<typeof deadLetterJson> {
  return { id: r.id, event_id: r.eventId, seq: r.seq, event_type: r.eventType, occurred_at: toIso(r.occurredAt)!, payload: r.payload, reason: r.reason ?? null, skipped_by: r.skippedBy, created_at: toIso(r.createdAt)! };
}
