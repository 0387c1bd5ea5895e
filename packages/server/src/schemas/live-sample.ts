import { z } from 'zod';
import { MAX_LIVE_SAMPLE, type LiveSample } from '@patchbay/engine';

export const liveSampleBody = z
  .object({
    limit: z.number().int().min(1).max(MAX_LIVE_SAMPLE).default(10).describe(`Records to return from the first page (1-${MAX_LIVE_SAMPLE})`),
  })
  .strict();

export const liveSampleJson = z.object({
  latency_ms: z.number().int().describe('How long reading the first page took, credentials and rate limiting included'),
  page_records: z.number().int().describe('How many records the first page held (more than `items` when `limit` cut it)'),
  note: z.string().nullable().describe('Why there are no records, when there are none'),
  items: z.array(
    z.object({
      external_id: z.string().nullable().describe("The record's vendor id by the stream's primary key (null when it has none: a sync would reject it)"),
      raw: z.unknown().describe("The raw vendor record, as the stream's mapper receives it"),
    }),
  ),
});

const EMPTY = "The stream's first page from the vendor held no records (a first sync would find nothing yet). Paste a vendor record instead.";

export function toLiveSampleJson(s: LiveSample): z.infer<typeof liveSampleJson> {
  return {
    latency_ms: s.latencyMs,
    page_records: s.pageRecords,
    note: s.items.length === 0 ? EMPTY : null,
    items: s.items.map((i) => ({ external_id: i.externalId, raw: i.raw })),
  };
}
