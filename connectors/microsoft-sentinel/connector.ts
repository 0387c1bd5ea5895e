import { defineConnector } from '@patchbay/sdk';
import { sentinelAuth } from './auth.ts';
import { sentinelConfig } from './config.ts';
import { sendBatch } from './send.ts';

/**
 * Microsoft Sentinel destination: forwards Patchbay events as rows to a Log Analytics table (a Sentinel
 * workspace) through the Azure Monitor Logs Ingestion API, a data collection rule and one of its streams,
 * with an Entra ID app's client credentials. See README.md.
 */
export default defineConnector({
  id: 'microsoft-sentinel',
  name: 'Microsoft Sentinel',
  vendor: 'Microsoft',
  category: 'siem',
  version: '1.0.0',
  description:
    'Forwards events to Microsoft Sentinel (a Log Analytics workspace) as rows of a custom or supported Azure table, through the Azure Monitor Logs Ingestion API and a data collection rule.',
  features: [
    'Logs Ingestion API with a data collection rule and stream',
    'OCSF rows with TimeGenerated and an event id to deduplicate on',
    'Custom row shapes with a JSONata template',
    'Calls cut under the 1 MB limit, in order, gzip-compressed',
    'Entra ID app (client credentials); sovereign clouds by configuration',
  ],
  icon: '🛰️',
  docsUrl: 'https://github.com/patchbay/patchbay/tree/main/connectors/microsoft-sentinel',
  auth: sentinelAuth,
  config: sentinelConfig,
  capabilities: ['destination'],
  allowedHosts: ['*.ingest.monitor.azure.com', '*.ingest.monitor.azure.us', '*.ingest.monitor.azure.cn', 'login.microsoftonline.com', { fromConfig: 'endpoint' }, { fromConfig: 'login_url' }],
  // "Azure Monitor service limits", Logs Ingestion API: 12,000 requests a minute per data collection rule
  // (and 2 GB of data); beyond them the API answers 429 with Retry-After, which the client waits out.
  rateLimits: { perMinute: 12_000, burst: 100 },
  minPlatformVersion: '0.1.0',
  destination: {
    formats: ['ocsf-json', 'jsonata'],
    maxBatchEvents: 500,
    send: sendBatch,
  },
});
