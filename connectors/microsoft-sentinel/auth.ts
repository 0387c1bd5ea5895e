import type { AuthMethod, OAuthHostTarget } from '@patchbay/sdk';
import { tokenUrlOf, type SentinelConfig } from './config.ts';

/**
 * The token audience of the Logs Ingestion API per Azure cloud, as "Logs Ingestion API in Azure Monitor"
 * lists it (https://learn.microsoft.com/en-us/azure/azure-monitor/logs/logs-ingestion-api-overview#request-headers).
 * The v2.0 token endpoint is asked for `<audience>/.default`.
 */
export const MONITOR_AUDIENCE = 'https://monitor.azure.com';
export const MONITOR_AUDIENCE_US_GOVERNMENT = 'https://monitor.azure.us';
export const MONITOR_AUDIENCE_CHINA = 'https://monitor.azure.cn';

const target = (host: string, audience: string): OAuthHostTarget => ({ host, audience, scopes: [`${audience}/.default`] });

/** Ingestion endpoints (DCR endpoints and DCEs) of each cloud get a token for that cloud's Azure Monitor. */
export const perHostTargets: readonly OAuthHostTarget[] = [
  target('*.ingest.monitor.azure.com', MONITOR_AUDIENCE),
  target('*.ingest.monitor.azure.us', MONITOR_AUDIENCE_US_GOVERNMENT),
  target('*.ingest.monitor.azure.cn', MONITOR_AUDIENCE_CHINA),
];

export const sentinelAuth: readonly AuthMethod<SentinelConfig>[] = [
  {
    type: 'oauth2_client_credentials',
    label: 'Entra ID application (client credentials)',
    description:
      'An app registration with the Monitoring Metrics Publisher role on the data collection rule (see README). Tokens come from <login_url>/<tenant_id>/oauth2/v2.0/token for https://monitor.azure.com/.default.',
    tokenUrl: tokenUrlOf,
    clientAuth: 'body',
    scopes: [`${MONITOR_AUDIENCE}/.default`],
    perHost: perHostTargets,
    fields: {
      client_id: { label: 'Application (client) ID', help: 'Entra admin center → Identity → Applications → App registrations → your app → Overview.' },
      client_secret: { label: 'Client secret', help: 'The app registration → Certificates & secrets → New client secret (copy the Value, not the Secret ID).' },
    },
  },
];
