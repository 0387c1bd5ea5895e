import { defineConnector } from '@patchbay/sdk';
import { clearUserSessions } from './actions/clear-user-sessions.ts';
import { suspendUser } from './actions/suspend-user.ts';
import { unsuspendUser } from './actions/unsuspend-user.ts';
import { oktaAuth } from './auth.ts';
import { oktaConfig } from './config.ts';
import { applications } from './streams/applications.ts';
import { groupMemberships } from './streams/group-memberships.ts';
import { groups } from './streams/groups.ts';
import { systemLog } from './streams/system-log.ts';
import { users } from './streams/users.ts';

/**
 * Okta: the directory (users, groups, memberships, app integrations) as inventories with deletion
 * detection, the System Log polled incrementally, and user containment (suspend, clear sessions).
 */
export default defineConnector({
  id: 'okta',
  name: 'Okta',
  vendor: 'Okta',
  category: 'identity',
  version: '1.0.0',
  description: 'Syncs Okta users, groups, group memberships, applications and the System Log to OCSF, and suspends users or clears their sessions.',
  features: [
    'Users, groups and memberships for the identities API, deleted ones detected',
    'Application integrations inventory',
    'System Log polled incrementally, mapped per event type (authentication, account, group, API activity)',
    'Suspend and unsuspend users, clear sessions and OAuth tokens',
    'API token (SSWS) or OAuth 2.0 service app',
    'Okta rate-limit headers respected',
  ],
  icon: 'https://www.okta.com/favicon.ico',
  docsUrl: 'https://developer.okta.com/docs/api/',
  auth: oktaAuth,
  config: oktaConfig,
  capabilities: ['ingest', 'actions'],
  streams: [users, groups, groupMemberships, applications, systemLog],
  actions: [suspendUser, unsuspendUser, clearUserSessions],
  allowedHosts: ['*.okta.com', '*.oktapreview.com', '*.okta-emea.com', '*.okta-gov.com', '*.okta.mil'],
  // Okta's limits depend on the endpoint and the subscription, and an API token or OAuth app gets 50% of
  // an endpoint's limit by default (https://developer.okta.com/docs/api/getting_started/rate-limits): a
  // conservative budget here, and the X-Rate-Limit-* headers pace the client beyond it.
  rateLimits: { perMinute: 300, burst: 10 },
  minPlatformVersion: '0.1.0',
  validate: async (ctx) => {
    const response = await ctx.http.get<unknown[]>('/api/v1/users', { query: { limit: 1 }, operation: 'list-users' });
    return { ok: true, details: { org: new URL(ctx.config.base_url).host, users_visible: Array.isArray(response.body) && response.body.length > 0 } };
  },
});
