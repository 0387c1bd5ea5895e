import { z } from 'zod';

/**
 * The Falcon clouds and their API hosts (https://developer.crowdstrike.com/docs/api-reference/ "Base URLs";
 * the same list in PSFalcon's Request-FalconToken: https://github.com/crowdstrike/psfalcon/wiki/Request-FalconToken).
 */
export const FALCON_CLOUDS = {
  'us-1': 'https://api.crowdstrike.com',
  'us-2': 'https://api.us-2.crowdstrike.com',
  'eu-1': 'https://api.eu-1.crowdstrike.com',
  'us-gov-1': 'https://api.laggar.gcw.crowdstrike.com',
} as const;

export type FalconCloud = keyof typeof FALCON_CLOUDS;

const httpUrl = () => z.url({ protocol: /^https?$/ });

export const crowdstrikeConfig = z.object({
  cloud: z
    .enum(['us-1', 'us-2', 'eu-1', 'us-gov-1'])
    .default('us-1')
    .describe('Falcon cloud of the tenant: us-1 (api.crowdstrike.com), us-2, eu-1 or us-gov-1 (api.laggar.gcw.crowdstrike.com)'),
  base_url: httpUrl()
    .optional()
    .describe('Custom API base URL, overriding the cloud\'s (a proxy, or a cloud not listed); like https://api.crowdstrike.com'),
  token_url: httpUrl().optional().describe('Custom OAuth2 token endpoint (default: <API base URL>/oauth2/token)'),
  page_size: z.number().int().min(1).max(5000).default(500).describe('Ids or records asked for per request (alerts and hosts up to 5000, vulnerabilities up to 5000)'),
  start_days_ago: z.number().int().min(1).max(3650).default(30).describe('How far back the first sync of alerts and vulnerabilities reads, in days'),
  overlap_minutes: z.number().int().min(0).max(1440).default(5).describe('Re-read this many minutes before the cursor each run, for records Falcon indexes late (nothing is stored twice)'),
  alert_filter: z.string().max(2000).optional().describe('Extra FQL ANDed to the alerts query, like product:\'epp\''),
  vulnerability_filter: z.string().max(2000).optional().describe('Extra FQL ANDed to the Spotlight query, like status:[\'open\',\'reopen\']'),
});

export type CrowdStrikeConfig = z.output<typeof crowdstrikeConfig>;

/** The API base URL the instance talks to: the override, else its cloud's. No trailing slash. */
export function apiBaseUrl(config: Pick<CrowdStrikeConfig, 'cloud' | 'base_url'>): string {
  return (config.base_url ?? FALCON_CLOUDS[config.cloud]).replace(/\/+$/, '');
}

/** Where tokens come from: the override, else /oauth2/token on the API host (CrowdStrike serves both on one host). */
export function tokenUrlOf(config: Pick<CrowdStrikeConfig, 'cloud' | 'base_url' | 'token_url'>): string {
  return config.token_url ?? `${apiBaseUrl(config)}/oauth2/token`;
}

/**
 * The URL of an API path. With a `base_url` the path stays relative, so the engine's client resolves it
 * against its base URL (the instance's, or a connection URL such as the contract check's proxy); without
 * one it is absolute on the chosen cloud's host.
 */
export function apiUrl(config: Pick<CrowdStrikeConfig, 'cloud' | 'base_url'>, path: string): string {
  return config.base_url === undefined ? `${FALCON_CLOUDS[config.cloud]}${path}` : path;
}
