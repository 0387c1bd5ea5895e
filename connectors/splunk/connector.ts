import { defineConnector } from '@patchbay/sdk';
import { splunkAuth } from './auth.ts';
import { splunkConfig } from './config.ts';
import { sendBatch } from './hec/send-batch.ts';
import { notableEvents } from './streams/notable-events.ts';
import { validateSplunk } from './validate.ts';

/**
 * Splunk: a destination over the HTTP Event Collector (batches within HEC's limits, gzip, a request
 * channel per instance, indexer acknowledgement), and Enterprise Security notable events streamed from
 * the REST search API (a search job per window, polled, its results paged). See README.md.
 */
export default defineConnector({
  id: 'splunk',
  name: 'Splunk',
  vendor: 'Splunk',
  category: 'siem',
  version: '1.0.0',
  description: 'Forwards events to Splunk over the HTTP Event Collector, with indexer acknowledgement, and syncs Enterprise Security notable events as OCSF Detection Findings.',
  features: [
    'Destination over HEC: splunk-hec, ocsf-json or JSONata events in batches, gzip, a request channel per instance',
    'Indexer acknowledgement: a batch counts as sent once Splunk indexed it',
    'HEC error codes as clear errors (busy, invalid data, index, token)',
    'Notable events from the REST search API, incremental on _time, with a configurable search',
    'Urgency, status, owner, disposition, rule and security domain mapped to OCSF Detection Finding',
  ],
  icon: '🔎',
  docsUrl: 'https://github.com/patchbay/patchbay/tree/main/connectors/splunk',
  auth: splunkAuth,
  config: splunkConfig,
  capabilities: ['destination', 'ingest'],
  streams: [notableEvents],
  allowedHosts: [{ fromConfig: 'base_url' }, { fromConfig: 'hec_url' }],
  // No rateLimits: Splunk documents no request rate for the REST API or HEC (search concurrency is bounded
  // per role, and the stream runs one job at a time); a budget here would also pace every HEC request.
  minPlatformVersion: '0.1.0',
  validate: validateSplunk,
  destination: {
    formats: ['splunk-hec', 'ocsf-json', 'jsonata'],
    maxBatchEvents: 500,
    send: sendBatch,
  },
});
