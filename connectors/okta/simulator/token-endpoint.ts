import type { Answer } from './okta-errors.ts';
import { assertionProblem, type ServiceApp } from './service-app.ts';

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const LIFETIME_S = 3600;

const oauthError = (status: number, error: string, description: string): Answer => ({ status, body: { error, error_description: description } });

export interface TokenIssuer {
  /** Issues an access token with these scopes. */
  issue(scopes: readonly string[]): string;
}

/**
 * POST /oauth2/v1/token of the org authorization server, for a service app
 * (https://developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/#get-an-access-token):
 * grant_type=client_credentials, scope, client_assertion_type=...jwt-bearer and client_assertion, a JWT
 * signed with the app's private key. Errors are OAuth 2.0 error bodies (invalid_client, invalid_scope...).
 * Any other grant (an RFC 7523 `jwt-bearer` grant, say) is unsupported_grant_type, as at Okta.
 */
export function serveToken(form: URLSearchParams, app: ServiceApp, tokenUrl: string, nowMs: number, issuer: TokenIssuer): Answer {
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', `The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials].`);
  }
  if (form.get('client_assertion_type') !== CLIENT_ASSERTION_TYPE) return oauthError(401, 'invalid_client', 'The client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer.');
  const assertion = form.get('client_assertion');
  if (!assertion) return oauthError(401, 'invalid_client', 'client_assertion is required.');
  const problem = assertionProblem(app, assertion, tokenUrl, nowMs);
  if (problem) return oauthError(401, 'invalid_client', problem);
  const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
  if (scopes.length === 0) return oauthError(400, 'invalid_scope', 'The authorization server resource does not have any configured default scopes, \'scope\' must be provided.');
  const denied = scopes.filter((s) => !app.grantedScopes.includes(s));
  if (denied.length > 0) return oauthError(400, 'invalid_scope', `The following scopes are not allowed: ${denied.join(' ')}`);
  return { status: 200, headers: { 'cache-control': 'no-store', pragma: 'no-cache' }, body: { token_type: 'Bearer', expires_in: LIFETIME_S, access_token: issuer.issue(scopes), scope: scopes.join(' ') } };
}
