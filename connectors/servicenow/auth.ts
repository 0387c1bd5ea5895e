import type { AuthMethod } from '@patchbay/sdk';
import { tokenUrlOf, type ServiceNowConfig } from './config.ts';

/**
 * ServiceNow's two ways in for an integration (README "Authentication"): basic authentication of a
 * dedicated integration user, or OAuth 2.0 access tokens from the instance's token endpoint
 * (`/oauth_token.do`) with the client credentials grant, which runs as the OAuth client's "OAuth
 * Application User" (Washington DC and later, enabled by the glide.oauth.inbound.client.credential.grant_type.enabled
 * property). ServiceNow takes the client id and secret as form fields of the token request.
 */
export const servicenowAuth: readonly AuthMethod<ServiceNowConfig>[] = [
  {
    type: 'basic',
    label: 'Integration user (basic)',
    description: 'A ServiceNow user with "Web service access only" set and the roles the README lists, sent as HTTP basic authentication.',
    fields: {
      username: { label: 'User ID', help: 'System Security → Users: the User ID of a dedicated integration user (tick "Web service access only").' },
      password: { help: "That user's password (Set Password on the user record)." },
    },
  },
  {
    type: 'oauth2_client_credentials',
    label: 'OAuth 2.0 client (client credentials)',
    description:
      'An OAuth API endpoint for external clients (System OAuth → Application Registry); tokens run as its OAuth Application User, which needs the roles the README lists.',
    tokenUrl: (config) => tokenUrlOf(config),
    clientAuth: 'body',
    fields: {
      client_id: { help: 'System OAuth → Application Registry → your "OAuth API endpoint for external clients" → Client ID.' },
      client_secret: { help: 'The Client Secret shown on the same record (click the lock to reveal it).' },
    },
  },
];
