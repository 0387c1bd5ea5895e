import { defineConnector } from '@patchbay/sdk';
import { containHost } from './actions/contain-host.ts';
import { liftContainment } from './actions/lift-containment.ts';
import { updateAlert } from './actions/update-alert.ts';
import { crowdstrikeAuth } from './auth.ts';
import { apiBaseUrl, apiUrl, crowdstrikeConfig } from './config.ts';
import { alerts } from './streams/alerts.ts';
import type { FalconBody } from './streams/falcon-body.ts';
import { hosts } from './streams/hosts.ts';
import { vulnerabilities } from './streams/vulnerabilities.ts';

/**
 * CrowdStrike Falcon: alerts, hosts and Spotlight vulnerabilities over the Falcon OAuth2 API, host
 * containment and alert triage. See README.md for scopes, rate limits and quirks.
 */
export default defineConnector({
  id: 'crowdstrike-falcon',
  name: 'CrowdStrike Falcon',
  vendor: 'CrowdStrike',
  category: 'edr',
  version: '1.0.0',
  description: 'Syncs Falcon alerts, hosts and Spotlight vulnerabilities to OCSF, contains and releases hosts, and triages alerts.',
  features: [
    'Alerts (Alerts API v2) incremental on updated_timestamp, as OCSF Detection Findings',
    'Hosts as OCSF Device Inventory Info, with removed hosts marked deleted',
    'Spotlight vulnerabilities incremental on updated_timestamp, as OCSF Vulnerability Findings',
    'Contain a host and lift containment (approval required)',
    'Update an alert: status, assignee, comment',
    'US-1, US-2, EU-1 and US-GOV-1 clouds, or a custom API URL',
  ],
  icon: '🦅',
  docsUrl: 'https://github.com/patchbay/patchbay/tree/main/connectors/crowdstrike-falcon',
  auth: crowdstrikeAuth,
  config: crowdstrikeConfig,
  capabilities: ['ingest', 'actions'],
  streams: [alerts, hosts, vulnerabilities],
  actions: [containHost, liftContainment, updateAlert],
  allowedHosts: [
    'api.crowdstrike.com',
    'api.us-2.crowdstrike.com',
    'api.eu-1.crowdstrike.com',
    'api.laggar.gcw.crowdstrike.com',
    { fromConfig: 'base_url' },
    { fromConfig: 'token_url' },
  ],
  // CrowdStrike's gateway grants 6000 requests a minute per customer (X-RateLimit-Limit); the headers
  // X-RateLimit-Remaining and X-RateLimit-RetryAfter are honoured by the engine's client.
  rateLimits: { perMinute: 6000, burst: 20 },
  minPlatformVersion: '0.1.0',
  validate: async (ctx) => {
    const response = await ctx.http.get<FalconBody<string>>(apiUrl(ctx.config, '/devices/queries/devices-scroll/v1'), { query: { limit: 1 }, operation: 'test-connection' });
    return { ok: true, details: { api: apiBaseUrl(ctx.config), hosts: response.body?.meta?.pagination?.total ?? null } };
  },
});
