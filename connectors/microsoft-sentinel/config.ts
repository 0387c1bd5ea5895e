import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/ });

/** The Logs Ingestion API version this connector speaks (the stable one of the published description). */
export const API_VERSION = '2023-01-01';

/** The documented limit of one call: 1 MB (https://learn.microsoft.com/en-us/azure/azure-monitor/fundamentals/service-limits#logs-ingestion-api). */
export const MAX_CALL_BYTES = 1_048_576;

/**
 * Instance settings: where rows go (the endpoint, the data collection rule and its input stream), how
 * calls are cut and encoded, and the Entra ID tenant the token comes from. Every host is a setting, so
 * sovereign clouds (and the simulator) can be reached.
 */
export const sentinelConfig = z.object({
  tenant_id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9.-]+$/, 'must be a tenant id (GUID) or a verified domain')
    .describe('Entra ID tenant (directory) id of the app registration, or its primary domain'),
  endpoint: httpUrl.describe(
    'Logs ingestion endpoint of the data collection rule (its JSON view, properties.endpoints.logsIngestion) or a data collection endpoint (DCE) URL, such as https://my-dce-a1b2.eastus-1.ingest.monitor.azure.com',
  ),
  dcr_immutable_id: z
    .string()
    .regex(/^dcr-[0-9a-f]{32}$/i, 'must be a data collection rule immutable id: dcr- followed by 32 hexadecimal digits')
    .describe('Immutable id of the data collection rule (DCR overview page, or immutableId in its JSON view)'),
  stream_name: z
    .string()
    .max(200)
    .regex(/^(Custom|Microsoft)-[A-Za-z0-9_-]+$/, 'must be a stream of the DCR: Custom-<name> (its streamDeclarations) or Microsoft-<Table>')
    .describe('Input stream of the DCR the rows go to: Custom-<name> from its streamDeclarations, or Microsoft-<Table> for a supported Azure table'),
  gzip: z.boolean().default(true).describe('Compress each call with gzip (Content-Encoding: gzip)'),
  max_bytes_per_call: z
    .number()
    .int()
    .min(1_024)
    .max(MAX_CALL_BYTES)
    .default(1_000_000)
    .describe('Largest JSON body of one call, before and after compression; a batch is cut into calls in order to stay under it (the API allows 1 MB)'),
  login_url: httpUrl
    .default('https://login.microsoftonline.com')
    .describe('Entra ID login host the token URL is built from (US Government: https://login.microsoftonline.us; China: https://login.chinacloudapi.cn)'),
});

export type SentinelConfig = z.output<typeof sentinelConfig>;

/** The OAuth2 token endpoint (Microsoft identity platform v2.0) of the configured tenant. */
export function tokenUrlOf(config: Pick<SentinelConfig, 'login_url' | 'tenant_id'>): string {
  return `${config.login_url.replace(/\/+$/, '')}/${encodeURIComponent(config.tenant_id)}/oauth2/v2.0/token`;
}

/** `{endpoint}/dataCollectionRules/{ruleId}/streams/{stream}` (the api-version goes in the query). */
export function uploadUrlOf(config: Pick<SentinelConfig, 'endpoint' | 'dcr_immutable_id' | 'stream_name'>): string {
  return `${config.endpoint.replace(/\/+$/, '')}/dataCollectionRules/${encodeURIComponent(config.dcr_immutable_id)}/streams/${encodeURIComponent(config.stream_name)}`;
}
