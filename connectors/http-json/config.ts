import { z } from 'zod';

const pageSize = z.number().int().min(1).max(10_000).default(100).describe('Records asked for per page');
const stopOnEmptyPage = z
  .boolean()
  .default(false)
  .describe('End the listing on a page without records even when the API says there are more (for APIs that always link onwards)');

/** How the API pages its listing; the parameter names default to the most common spelling. */
export const paginationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }).describe('One request returns everything'),
  z
    .object({
      type: z.literal('cursor'),
      page_size: pageSize,
      limit_param: z.string().min(1).default('limit'),
      cursor_param: z.string().min(1).default('cursor').describe('Query parameter that carries the next-page token'),
      next_cursor_path: z.string().min(1).default('next_cursor').describe('Dotted path to the next-page token in the response body'),
      stop_on_empty_page: stopOnEmptyPage,
    })
    .describe('Opaque next-page token in the response body'),
  z
    .object({
      type: z.literal('offset'),
      page_size: pageSize,
      offset_param: z.string().min(1).default('offset'),
      limit_param: z.string().min(1).default('limit'),
      total_path: z.string().min(1).optional().describe('Dotted path to the total record count, when the API gives one'),
    })
    .describe('Offset and limit'),
  z
    .object({
      type: z.literal('page'),
      page_size: pageSize,
      page_param: z.string().min(1).default('page'),
      size_param: z.string().min(1).default('per_page'),
      first_page: z.number().int().min(0).default(1),
      total_pages_path: z.string().min(1).optional().describe('Dotted path to the page count, when the API gives one'),
    })
    .describe('Page number and page size'),
  z
    .object({ type: z.literal('link'), page_size: pageSize, limit_param: z.string().min(1).default('limit'), stop_on_empty_page: stopOnEmptyPage })
    .describe('RFC 8288 Link header with rel="next"'),
]);

const path = z.string().min(1).max(200);
const severityName = z.enum(['unknown', 'informational', 'low', 'medium', 'high', 'critical', 'fatal']);

export const httpJsonConfig = z.object({
  base_url: z.url({ protocol: /^https?$/ }).describe('Base URL of the API, like https://api.example.com'),
  path: z.string().regex(/^\//, 'must start with /').default('/').describe('Path of the endpoint that lists the records, relative to base_url'),
  query: z.record(z.string(), z.string()).default({}).describe('Fixed query parameters sent with every request'),
  record_path: z.string().max(200).default('').describe('Dotted path to the array of records in the response body; empty when the body is the array'),
  id_field: path.default('id').describe('Dotted path to the field that identifies a record'),
  cursor_field: path.optional().describe('Dotted path to the record\'s last-modified time: set it to sync incrementally (stream "records"); leave it empty to read everything each run and detect deletions (stream "inventory")'),
  since_param: z.string().min(1).optional().describe('Query parameter the API filters on "modified at or after" (inclusive)'),
  until_param: z.string().min(1).optional().describe('Query parameter for "modified at or before" (inclusive), when the API has one'),
  time_format: z.enum(['iso', 'epoch_ms', 'epoch_s']).default('iso').describe('How since/until values are sent'),
  start_at: z.iso.datetime({ offset: true }).optional().describe('Where the first incremental run starts (default: everything)'),
  overlap_seconds: z.number().int().min(0).max(86_400).default(0).describe('Re-read this far before the cursor each run, for records the API makes visible late'),
  order: z.enum(['ascending', 'descending']).default('ascending').describe('Order of the listing by cursor_field: oldest first or newest first'),
  window_hours: z.number().positive().max(8_760).optional().describe('Read the range in windows this long (with until_param)'),
  pagination: paginationSchema.default({ type: 'none' }),
  token_url: z.url({ protocol: /^https?$/ }).optional().describe('OAuth2 token endpoint, for the client-credentials method (default: <base_url>/oauth/token)'),
  ocsf_class: z.enum(['base_event', 'detection_finding']).default('base_event').describe('OCSF class of the records: a generic event, or a detection finding (uses field_map.title)'),
  field_map: z
    .object({ time: path, severity: path, message: path, uid: path, title: path })
    .partial()
    .default({})
    .describe('Dotted paths of the record fields that fill the common OCSF attributes; everything else goes to "unmapped"'),
  severity_map: z.record(z.string(), severityName).default({}).describe('Vendor severity values mapped to OCSF severities, like { "P1": "critical" }'),
  product_name: z.string().min(1).max(100).default('HTTP JSON source'),
  vendor_name: z.string().min(1).max(100).default('Unknown'),
});

export type HttpJsonConfig = z.output<typeof httpJsonConfig>;
export type Pagination = HttpJsonConfig['pagination'];
export type SeverityName = z.output<typeof severityName>;
