import { defineConnector } from '@patchbay/sdk';
import { isolateDevice } from './actions/isolate-device.ts';
import { releaseDevice } from './actions/release-device.ts';
import { runHuntingQuery } from './actions/run-hunting-query.ts';
import { updateAlert } from './actions/update-alert.ts';
import { defenderAuth } from './auth.ts';
import { defenderConfig } from './config.ts';
import { alerts } from './streams/alerts.ts';
import { devices } from './streams/devices.ts';
import { incidents } from './streams/incidents.ts';
import { vulnerabilities } from './streams/vulnerabilities.ts';

/**
 * Microsoft Defender: alerts and incidents from Microsoft Graph security (Defender XDR), devices and their
 * software vulnerabilities from the Defender for Endpoint API; alert triage, device isolation and advanced
 * hunting as actions. One Entra ID app, one token per API. See README.md.
 */
export default defineConnector({
  id: 'microsoft-defender',
  name: 'Microsoft Defender',
  vendor: 'Microsoft',
  category: 'edr',
  version: '1.0.0',
  description:
    'Syncs Microsoft Defender XDR alerts and incidents (Microsoft Graph security) and Defender for Endpoint devices and software vulnerabilities to OCSF; updates alerts, isolates and releases devices, runs advanced hunting queries.',
  features: [
    'Alerts and incidents from every Defender product, incremental on last update',
    'Device inventory and software vulnerabilities with deletion detection',
    'Alert triage (status, classification, determination) synced back',
    'Device isolation and release, with approval',
    'Advanced hunting (KQL) queries',
    'Entra ID app with one token per API; sovereign clouds by configuration',
  ],
  icon: '🛡️',
  docsUrl: 'https://github.com/patchbay/patchbay/tree/main/connectors/microsoft-defender',
  auth: defenderAuth,
  config: defenderConfig,
  capabilities: ['ingest', 'actions', 'query', 'push', 'bidirectional'],
  streams: [alerts, incidents, devices, vulnerabilities],
  actions: [updateAlert, isolateDevice, releaseDevice, runHuntingQuery],
  allowedHosts: [
    'graph.microsoft.com',
    '*.securitycenter.microsoft.com',
    'api.security.microsoft.com',
    '*.api.security.microsoft.com',
    'login.microsoftonline.com',
    { fromConfig: 'base_url' },
    { fromConfig: 'mde_url' },
    { fromConfig: 'login_url' },
  ],
  // Defender for Endpoint documents 100 calls a minute and 1,500 an hour per API (machines, isolate);
  // Graph throttles per tenant and answers 429 with Retry-After, which the client waits out.
  rateLimits: { perMinute: 100, perHour: 1500, burst: 10 },
  minPlatformVersion: '0.1.0',
  validate: async (ctx) => {
    const response = await ctx.http.get<{ value?: readonly { tenantId?: string }[] }>('security/alerts_v2', { query: { $top: 1 }, operation: 'alerts' });
    return { ok: true, details: { tenant_id: response.body.value?.[0]?.tenantId ?? ctx.config.tenant_id, graph: ctx.config.base_url } };
  },
});
