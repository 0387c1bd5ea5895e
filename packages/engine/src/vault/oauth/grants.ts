import * as client from 'openid-client';
import { PatchbayError, Secret, type Clock } from '@patchbay/types';
import type { Credentials } from '../credential-view.ts';
import type { OAuthConfig } from '../oauth-config.ts';
import type { GrantSettings } from './grant-settings.ts';
import { clientAssertion, jwtBearerAssertion } from './jwt-assertion.ts';
import { endpointOf, targetParams } from './oauth-endpoint.ts';
import type { TokenSet } from './token-set.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const DEFAULT_LIFETIME_S = 3600;

export function tokenSetOf(response: client.TokenEndpointResponse, clock: Clock, oauth: OAuthConfig | null): TokenSet {
  const obtainedAt = clock.now();
  const lifetime = typeof response.expires_in === 'number' && response.expires_in > 0 ? response.expires_in : (oauth?.default_lifetime_seconds ?? DEFAULT_LIFETIME_S);
  return {
    accessToken: new Secret(response.access_token),
    tokenType: response.token_type ?? 'bearer',
    scope: typeof response.scope === 'string' ? response.scope : undefined,
    obtainedAt,
    expiresAt: new Date(obtainedAt.getTime() + lifetime * 1000),
    refreshToken: typeof response.refresh_token === 'string' ? new Secret(response.refresh_token) : undefined,
  };
}

/**
 * Why a token request failed. `definitive`: the server refused the credential (invalid_client,
 * invalid_grant...), retrying cannot help; otherwise it is transient (network, 5xx, 429).
 */
export function grantFailure(error: unknown): { definitive: boolean; error: PatchbayError } {
  if (error instanceof client.WWWAuthenticateChallengeError) {
    // A 401 with a challenge: the client authentication itself was refused.
    const parameters = error.cause[0]?.parameters ?? {};
    const code = parameters.error ?? 'invalid_client';
    const description = parameters.error_description ? ` (${parameters.error_description.slice(0, 200)})` : '';
    return { definitive: true, error: new PatchbayError('CREDENTIAL_REFRESH_FAILED', { message: `The token endpoint refused the credential: ${code}${description}`, details: { oauth_error: code, status: error.status } }) };
  }
  if (error instanceof client.ResponseBodyError && error.status >= 400 && error.status < 500 && error.status !== 429) {
    const description = typeof error.error_description === 'string' ? ` (${error.error_description.slice(0, 200)})` : '';
    const message = `The token endpoint refused the credential: ${error.error}${description}`;
    return { definitive: true, error: new PatchbayError('CREDENTIAL_REFRESH_FAILED', { message, details: { oauth_error: error.error, status: error.status } }) };
  }
  if (error instanceof client.ResponseBodyError) {
    return { definitive: false, error: new PatchbayError('VENDOR_UNAVAILABLE', { message: `The token endpoint answered ${error.status}: ${error.error}`, details: { status: error.status } }) };
  }
  if (error instanceof PatchbayError) return { definitive: !error.retryable, error };
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return { definitive: false, error: new PatchbayError('VENDOR_TIMEOUT', { message: 'The token endpoint did not answer in time' }) };
  if (error instanceof client.ClientError || (error instanceof Error && error.name === 'OperationProcessingError')) {
    return { definitive: false, error: new PatchbayError('VENDOR_BAD_RESPONSE', { message: `The token endpoint's answer is not a valid token response: ${error.message.slice(0, 200)}` }) };
  }
  return { definitive: false, error: new PatchbayError('VENDOR_UNAVAILABLE', { message: `The token endpoint could not be reached: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}` }) };
}

/** Obtains a token for the credential and audience with the grant its type uses. */
export async function requestToken(credentials: Credentials, oauth: OAuthConfig | null, audience: string, settings: GrantSettings, clock: Clock): Promise<TokenSet> {
  // A client with a private key instead of a secret signs a fresh assertion for each request.
  const assertion = credentials.type === 'oauth2_client_credentials' && credentials.secret('private_key_pem') ? await clientAssertion(credentials, clock) : undefined;
  const config = endpointOf(credentials, oauth, settings, assertion);
  const params = targetParams(credentials, oauth, audience);
  let response: client.TokenEndpointResponse;
  switch (credentials.type) {
    case 'oauth2_client_credentials':
    case 'azure_ad':
      response = await client.clientCredentialsGrant(config, params);
      break;
    case 'oauth2_authorization_code': {
      const refreshToken = credentials.secret('refresh_token');
      if (!refreshToken) throw new PatchbayError('CREDENTIAL_NOT_AUTHORIZED', { message: 'This config has no refresh token yet: the authorization was not completed' });
      // RFC 6749 §6: without a scope the refresh keeps the granted one; asking again can only narrow it.
      if (!audience) delete params.scope;
      response = await client.refreshTokenGrant(config, refreshToken.reveal(), params);
      break;
    }
    case 'jwt_bearer':
      response = await client.genericGrantRequest(config, JWT_BEARER, { ...params, assertion: await jwtBearerAssertion(credentials, clock) });
      break;
    default:
      throw new PatchbayError('CREDENTIAL_NOT_REFRESHABLE', { message: `Auth type ${credentials.type} has no token endpoint` });
  }
  return tokenSetOf(response, clock, oauth);
}
