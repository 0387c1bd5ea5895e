import { z } from 'zod';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A dotted path into a JSON value: `data.items`, `alert.rule.severity`, `records.0`. */
const DOTTED_PATH = /^[^.\s]+(?:\.[^.\s]+)*$/;

const path = z.string().regex(DOTTED_PATH, 'must be a dotted path such as data.id');

/**
 * Where records, ids, times, event types and severities are in the sender's payload. Paths are
 * relative to each record; unset ones fall back to the preset of the sender the delivery's headers
 * reveal (webhook/presets.ts). How deliveries are verified is not configured here: it is a setting of
 * the instance's inbound webhook (`POST /api/integration/instances/{id}/webhook-secret/rotate`).
 */
export const config = z.object({
  source_name: z.string().trim().min(1).max(100).default('Webhook').describe('The product that sends the events, recorded as metadata.product.name'),
  record_path: path.optional().describe('Where the record (or the array of records) is in the body; unset: the body itself'),
  id_field: path.optional().describe('The record field holding its unique id'),
  time_field: path.optional().describe('The record field holding when the event happened (ISO 8601 with a zone, or epoch seconds or milliseconds)'),
  event_type_field: path.optional().describe('The record field naming the event type'),
  event_type_header: z.string().regex(HEADER_NAME, 'must be an HTTP header name').optional().describe('A header naming the event type (X-Event-Type)'),
  severity_field: path.optional().describe('The record field holding a severity name (low, medium, high, critical...)'),
});

export type ReceiverConfig = z.output<typeof config>;
