import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/ });

/**
 * Instance settings. Every host the connector calls is a setting with the vendor's real host as default,
 * so sovereign clouds (and the simulator) can be reached: Graph, Defender for Endpoint, and the Entra ID
 * login host the token URL is built from.
 */
export const defenderConfig = z.object({
  tenant_id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9.-]+$/, 'must be a tenant id (GUID) or a verified domain')
    .describe('Entra ID tenant (directory) id, or its primary domain (contoso.onmicrosoft.com)'),
  base_url: httpUrl.default('https://graph.microsoft.com/v1.0').describe('Microsoft Graph base URL with its version (US Government: https://graph.microsoft.us/v1.0)'),
  mde_url: httpUrl
    .default('https://api.securitycenter.microsoft.com')
    .describe('Defender for Endpoint API base URL; a regional host (https://api-eu.securitycenter.microsoft.com) answers faster'),
  login_url: httpUrl.default('https://login.microsoftonline.com').describe('Entra ID login host the token URL is built from (US Government: https://login.microsoftonline.us)'),
  page_size: z.number().int().min(1).max(1000).default(500).describe('Graph records asked for per page ($top)'),
  mde_page_size: z.number().int().min(1).max(10_000).default(10_000).describe('Defender for Endpoint records asked for per page ($top for devices, pageSize for vulnerabilities)'),
  lookback_days: z.number().int().min(1).max(180).default(30).describe('How far back the first run reads alerts and incidents'),
  window_hours: z
    .number()
    .int()
    .min(1)
    .max(24 * 180)
    .default(24 * 30)
    .describe('Alerts and incidents are read in time windows up to this long; Graph lists newest first, so each window is read whole (one holding over 50,000 records is halved)'),
  overlap_minutes: z.number().int().min(0).max(1440).default(5).describe('Re-read this far before the cursor each run, for alerts Microsoft updates late'),
});

export type DefenderConfig = z.output<typeof defenderConfig>;

/** The OAuth2 token endpoint (Microsoft identity platform v2.0) of the configured tenant. */
export function tokenUrlOf(config: Pick<DefenderConfig, 'login_url' | 'tenant_id'>): string {
  return `${config.login_url.replace(/\/+$/, '')}/${encodeURIComponent(config.tenant_id)}/oauth2/v2.0/token`;
}

/** An absolute Defender for Endpoint URL for `path` (`/api/machines`). */
export function mdeUrl(config: Pick<DefenderConfig, 'mde_url'>, path: string): string {
  return `${config.mde_url.replace(/\/+$/, '')}${path}`;
}
