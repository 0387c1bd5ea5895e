import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });

/** Instance settings: the org's URL (every request goes there), the OAuth token URL, page sizes and the System Log start. */
export const oktaConfig = z.object({
  base_url: url.describe('Your Okta org URL, like https://acme.okta.com (or https://acme.oktapreview.com, or your custom domain)'),
  token_url: url
    .optional()
    .describe('OAuth 2.0 token endpoint for the service-app method (default: <base_url>/oauth2/v1/token, the org authorization server)'),
  page_size: z.number().int().min(1).max(200).default(200).describe('Users, groups and apps asked for per page (Okta allows at most 200)'),
  members_page_size: z.number().int().min(1).max(1000).default(1000).describe('Group members asked for per page (Okta allows at most 1000)'),
  log_page_size: z.number().int().min(1).max(1000).default(1000).describe('System Log events asked for per page (Okta allows at most 1000)'),
  include_deprovisioned: z
    .boolean()
    .default(true)
    .describe('Also list DEPROVISIONED (deactivated) users; without it they disappear from the listing and are marked deleted'),
  log_start_days: z.number().int().min(1).max(90).default(7).describe('How far back the first System Log run starts (Okta keeps 90 days)'),
  log_filter: z.string().min(1).max(2000).optional().describe('A System Log filter expression, like eventType sw "user." (default: every event)'),
});

export type OktaConfig = z.output<typeof oktaConfig>;

/** The org authorization server's token endpoint for an instance. */
export function tokenUrlOf(config: Pick<OktaConfig, 'base_url' | 'token_url'>): string {
  return config.token_url ?? new URL('/oauth2/v1/token', config.base_url).toString();
}
