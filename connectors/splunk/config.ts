import { PatchbayError } from '@patchbay/types';
import { z } from 'zod';

const httpUrl = () => z.url({ protocol: /^https?$/ });

/**
 * One Splunk deployment, two doors: the REST API on the management port (8089) for the notable-events
 * stream, and the HTTP Event Collector (8088, or Splunk Cloud's http-inputs host) for the destination.
 * An instance sets the URL of each door it uses (see the README, "Authentication": one credential per
 * instance, so an instance is usually one or the other).
 */
export const splunkConfig = z.object({
  base_url: httpUrl()
    .optional()
    .describe('REST API on the management port, like https://splunk.example.com:8089 (Splunk Cloud: https://<stack>.splunkcloud.com:8089); needed by the notable-events stream'),
  hec_url: httpUrl()
    .optional()
    .describe('HTTP Event Collector, like https://splunk.example.com:8088 (Splunk Cloud: https://http-inputs-<stack>.splunkcloud.com); needed to use the instance as a destination'),
  hec_index: z.string().min(1).max(80).optional().describe('Index for events that name none (default: the HEC token\'s default index)'),
  hec_source: z.string().min(1).max(200).default('patchbay').describe('`source` of ocsf-json and jsonata events (splunk-hec events carry their own)'),
  hec_sourcetype: z.string().min(1).max(200).default('ocsf').describe('`sourcetype` of ocsf-json and jsonata events (splunk-hec events carry their own)'),
  hec_host: z.string().min(1).max(255).optional().describe('`host` of ocsf-json and jsonata events (default: this hub\'s host name)'),
  hec_channel: z
    .uuid()
    .optional()
    .describe('X-Splunk-Request-Channel, a GUID (default: the instance id); acknowledgements are tracked per channel'),
  use_ack: z
    .boolean()
    .default(false)
    .describe('Wait for indexer acknowledgement of every batch (enable "Indexer acknowledgement" on the HEC token too); without it a batch counts as sent once HEC answered Success'),
  ack_timeout_seconds: z
    .number()
    .int()
    .min(1)
    .max(28)
    .default(20)
    .describe('How long to wait for the acknowledgements of a batch before failing it (the hub gives a send 30 s)'),
  ack_poll_ms: z.number().int().min(50).max(10_000).default(500).describe('Time between two polls of /services/collector/ack'),
  gzip: z.boolean().default(true).describe('Compress each request (Content-Encoding: gzip)'),
  max_batch_bytes: z
    .number()
    .int()
    .min(1024)
    .max(100_000_000)
    .default(1_000_000)
    .describe('Largest request body before compression: a batch is split into requests of at most this size (keep it under the receiver\'s max_content_length; Splunk Cloud takes about 1 MB)'),
  notable_search: z
    .string()
    .min(1)
    .max(10_000)
    .default('search `notable`')
    .describe('The search that lists notable events (default: Enterprise Security\'s `notable` macro, which adds the current status, owner and urgency); it must return _time and event_id'),
  page_size: z.number().int().min(1).max(50_000).default(1000).describe('Results read per request (count; Splunk serves at most maxresultrows, 50,000 by default)'),
  start_days_ago: z.number().int().min(1).max(3650).default(7).describe('How far back the first notable-events run searches, in days'),
  overlap_minutes: z.number().int().min(0).max(1440).default(5).describe('Search again this many minutes before the cursor each run, for notables indexed late (nothing is stored twice)'),
  window_hours: z.number().int().min(1).max(720).default(24).describe('Each search job covers at most this much time'),
  search_timeout_seconds: z.number().int().min(10).max(3600).default(300).describe('Give up on a search job that is not done after this long'),
});

export type SplunkConfig = z.output<typeof splunkConfig>;

/** The HEC URL, or a CONFIG_INVALID error saying how to set it. */
export function hecUrlOf(config: Pick<SplunkConfig, 'hec_url'>): string {
  if (config.hec_url === undefined) {
    throw new PatchbayError('CONFIG_INVALID', {
      field: 'configuration.hec_url',
      message: 'This Splunk instance has no hec_url: it cannot be a destination',
      hint: 'Set hec_url to the HTTP Event Collector (https://<host>:8088, or https://http-inputs-<stack>.splunkcloud.com) and give the instance a HEC token.',
    });
  }
  return config.hec_url.replace(/\/+$/, '');
}

/** Checks that the REST API is configured (relative request URLs resolve against base_url). */
export function requireBaseUrl(config: Pick<SplunkConfig, 'base_url'>): void {
  if (config.base_url === undefined) {
    throw new PatchbayError('CONFIG_INVALID', {
      field: 'configuration.base_url',
      message: 'This Splunk instance has no base_url: it cannot search notable events',
      hint: 'Set base_url to the REST API (https://<host>:8089) and give the instance a Splunk authentication token; an instance used only as a HEC destination need not be activated.',
    });
  }
}
