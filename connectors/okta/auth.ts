import type { AuthMethod } from '@patchbay/sdk';
import { tokenUrlOf, type OktaConfig } from './config.ts';

/** Every OAuth scope the streams and actions need: the service app must be granted these. */
export const OKTA_SCOPES = ['okta.users.read', 'okta.groups.read', 'okta.apps.read', 'okta.logs.read', 'okta.users.manage'] as const;

/**
 * Okta's two ways to call its management API: an SSWS API token (it acts with its admin's role), or a
 * scoped OAuth 2.0 access token for a service app (private_key_jwt client authentication). README.md
 * "Authentication" says where each is created.
 */
export const oktaAuth: readonly AuthMethod<OktaConfig>[] = [
  {
    type: 'api_key',
    label: 'API token (SSWS)',
    description: 'An Okta API token, sent as Authorization: SSWS <token>. It has the permissions of the admin who created it.',
    in: 'header',
    name: 'Authorization',
    format: 'SSWS {api_key}',
    fields: {
      api_key: {
        label: 'API token',
        help: 'Okta Admin Console → Security → API → Tokens → Create token, signed in as an admin with the role the README names.',
      },
    },
  },
  {
    type: 'oauth2_client_credentials',
    label: 'OAuth 2.0 service app (private key JWT)',
    description:
      "Scoped access tokens from the org authorization server for an API Services app: a client_credentials request authenticated with a JWT signed by the app's private key (private_key_jwt).",
    tokenUrl: (config) => tokenUrlOf(config),
    clientAuth: 'private_key_jwt',
    scopes: OKTA_SCOPES,
    fields: {
      client_id: { label: 'Client ID', help: 'Admin Console → Applications → your API Services app → General → Client Credentials → Client ID.' },
      private_key: { help: "The PEM private key whose public key is registered under the app's Public keys (client authentication: Public key / Private key)." },
      key_id: { help: 'The kid Okta shows for that public key.' },
    },
  },
];
