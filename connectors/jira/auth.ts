import type { AuthMethod } from '@patchbay/sdk';
import type { JiraConfig } from './config.ts';

/**
 * The classic OAuth 2.0 (3LO) scopes the stream and the ticket calls need
 * (https://developer.atlassian.com/cloud/jira/platform/scopes-for-oauth-2-3LO-and-forge-apps/): reading
 * issues and the account's time zone, writing issues, transitions and comments, and `offline_access` for a
 * refresh token.
 */
export const JIRA_SCOPES = ['read:jira-work', 'write:jira-work', 'read:jira-user', 'offline_access'] as const;

/**
 * Jira Cloud's two ways in for an integration:
 * - basic auth with an Atlassian account's email and an API token
 *   (https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/); the instance's base_url
 *   is the site;
 * - OAuth 2.0 (3LO) authorization code with refresh tokens
 *   (https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/); requests then go through
 *   https://api.atlassian.com/ex/jira/{cloudId}, which is the instance's base_url.
 */
export const jiraAuth: readonly AuthMethod<JiraConfig>[] = [
  {
    type: 'basic',
    label: 'Email and API token',
    description: 'An Atlassian account\'s email address and an API token, sent as basic auth. The connector acts with that account\'s project permissions.',
    fields: {
      username: { label: 'Email', help: 'The email address of the Atlassian account the integration acts as.' },
      password: { label: 'API token', help: 'id.atlassian.com → Security → API tokens → Create API token, signed in as that account.' },
    },
  },
  {
    type: 'oauth2_authorization_code',
    label: 'OAuth 2.0 (3LO) app',
    description:
      'An OAuth 2.0 (3LO) app from the Atlassian developer console, authorized by a Jira user; set base_url to https://api.atlassian.com/ex/jira/<cloudId> and site_url to the site.',
    authorizeUrl: 'https://auth.atlassian.com/authorize',
    tokenUrl: 'https://auth.atlassian.com/oauth/token',
    scopes: JIRA_SCOPES,
    pkce: false,
    // Atlassian's authorization URL needs the API audience, and prompt=consent to show the consent screen.
    authorizeParams: { audience: 'api.atlassian.com', prompt: 'consent' },
    clientAuth: 'body',
    fields: {
      client_id: { label: 'Client ID', help: 'developer.atlassian.com → Developer console → your app → Settings → Client ID.' },
      client_secret: { label: 'Secret', help: 'The same Settings page → Secret. The app needs the Jira API scopes the README lists and the hub\'s callback URL.' },
    },
  },
];
