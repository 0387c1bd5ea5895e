import type { AuthMethod } from '@patchbay/sdk';
import { tokenUrlOf, type CrowdStrikeConfig } from './config.ts';

/**
 * CrowdStrike's only API auth: OAuth2 client credentials. POST /oauth2/token takes client_id and
 * client_secret as form fields and answers 201 with a bearer token valid 30 minutes
 * (https://developer.crowdstrike.com/api-reference/collections/oauth2/,
 * https://github.com/CrowdStrike/falconpy/wiki/oauth2).
 */
export const crowdstrikeAuth: readonly AuthMethod<CrowdStrikeConfig>[] = [
  {
    type: 'oauth2_client_credentials',
    label: 'API client',
    description: 'A Falcon API client (client ID and secret); tokens come from /oauth2/token on the tenant\'s cloud and are renewed every 30 minutes or when refused.',
    tokenUrl: (config) => tokenUrlOf(config),
    clientAuth: 'body',
    fields: {
      client_id: { label: 'Client ID', help: 'Falcon console → Support and resources → API clients and keys → Create API client (scopes: see the README).' },
      client_secret: { label: 'Client secret', help: 'Shown once when the API client is created (or reset) in API clients and keys.' },
    },
  },
];
