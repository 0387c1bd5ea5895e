import type { AuthMethod } from '@patchbay/sdk';
import type { HttpJsonConfig } from './config.ts';

/** The ways to authenticate to a generic API. The credential says where an API key goes (header or query). */
export const httpJsonAuth: readonly AuthMethod<HttpJsonConfig>[] = [
  {
    type: 'api_key',
    label: 'API key',
    description: 'A key sent in a header (X-API-Key unless the credential names another) or in a query parameter the credential names.',
    in: 'header',
    name: 'X-API-Key',
  },
  { type: 'basic', label: 'Username and password', description: 'HTTP Basic authentication.' },
  { type: 'bearer', label: 'Bearer token', description: 'A static token sent as Authorization: Bearer <token>.' },
  {
    type: 'oauth2_client_credentials',
    label: 'OAuth2 client credentials',
    description: 'Tokens from the API\'s token endpoint (config token_url, default <base_url>/oauth/token), refreshed when they expire or are refused.',
    tokenUrl: (config) => config.token_url ?? new URL('oauth/token', config.base_url.endsWith('/') ? config.base_url : `${config.base_url}/`).toString(),
    clientAuth: 'basic',
  },
];
