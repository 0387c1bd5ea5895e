import { z } from 'zod';
import { PatchbayError } from '@patchbay/types';

/** Non-secret OAuth settings of a config (`oauth_config`): how to ask the token endpoint, and when to refresh. */
export const oauthConfigSchema = z
  .object({
    audience_param: z.enum(['audience', 'resource', 'scope']).optional().describe('How an audience is sent: `audience` (Auth0, Okta), `resource` (RFC 8707) or as the `scope`'),
    client_auth: z.enum(['basic', 'post']).optional().describe('Client authentication at the token endpoint (default basic; azure_ad post)'),
    refresh_margin_seconds: z.number().int().min(0).max(86_400).optional().describe('Refresh this long before expiry (default: the lesser of 5 minutes and half the lifetime)'),
    default_lifetime_seconds: z.number().int().min(30).max(86_400).optional().describe('Lifetime assumed when the token endpoint gives no expires_in (default 3600)'),
    token_params: z.record(z.string(), z.string()).optional().describe('Extra token request parameters'),
    authorize_params: z.record(z.string(), z.string()).optional().describe('Extra authorization request parameters (e.g. access_type=offline)'),
  })
  .strict();

export type OAuthConfig = z.infer<typeof oauthConfigSchema>;

export function parseOAuthConfig(value: unknown): OAuthConfig | null {
  if (value === undefined || value === null) return null;
  const parsed = oauthConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = ['body', 'oauth_config', ...issue.path.map(String)].join('.');
  throw new PatchbayError('VALIDATION_FAILED', { field, message: `${field}: ${issue.message}` });
}
