import type { AuthMethod, OAuthHostTarget } from '@patchbay/sdk';
import { tokenUrlOf, type DefenderConfig } from './config.ts';

/** Microsoft Graph: the token's resource, and the v2.0 scope asking for the app's granted Graph roles. */
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
/** Defender for Endpoint's own API ("WindowsDefenderATP"); the same resource serves the regional hosts. */
export const MDE_RESOURCE = 'https://api.securitycenter.microsoft.com';

const graph = { audience: GRAPH_RESOURCE, scopes: [`${GRAPH_RESOURCE}/.default`] } as const;
const mde = { audience: MDE_RESOURCE, scopes: [`${MDE_RESOURCE}/.default`] } as const;

/**
 * A token per API: requests to Graph carry a Graph token, requests to Defender for Endpoint (any of its
 * documented hosts) a Defender token. `audience` is the resource; the vault's Entra ID credential turns it
 * into the `<resource>/.default` scope of the v2.0 token endpoint (`scopes` states that scope).
 */
export const perHostTargets: readonly OAuthHostTarget[] = [
  { host: 'graph.microsoft.com', ...graph },
  { host: '*.securitycenter.microsoft.com', ...mde },
  { host: 'api.security.microsoft.com', ...mde },
  { host: '*.api.security.microsoft.com', ...mde },
];

export const defenderAuth: readonly AuthMethod<DefenderConfig>[] = [
  {
    type: 'oauth2_client_credentials',
    label: 'Entra ID application (client credentials)',
    description:
      'An app registration in the tenant with application permissions on Microsoft Graph and WindowsDefenderATP (see README). Tokens come from <login_url>/<tenant_id>/oauth2/v2.0/token, one per API.',
    tokenUrl: tokenUrlOf,
    clientAuth: 'body',
    scopes: graph.scopes,
    perHost: perHostTargets,
    fields: {
      client_id: { label: 'Application (client) ID', help: 'Entra admin center → Identity → Applications → App registrations → your app → Overview.' },
      client_secret: { label: 'Client secret', help: 'The app registration → Certificates & secrets → New client secret (copy the Value, not the Secret ID).' },
    },
  },
];
