import type { Answer } from './answers.ts';

/** An OAuth client registered in the instance's Application Registry, running as its OAuth Application User. */
export interface OAuthClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The user its tokens act as. */
  readonly userName: string;
}

/** ServiceNow's default access token lifespan is 1800 s; the token answer says 1799. */
const LIFESPAN_S = 1799;

const refused = (): Answer => ({ status: 401, body: { error_description: 'access_denied', error: 'server_error' } });

/**
 * POST /oauth_token.do (https://docs.servicenow.com/bundle/washingtondc-platform-security/page/integrate/authentication/concept/client-credentials.html,
 * and "OAuth tokens": a URL-encoded form, a JSON answer): grant_type=client_credentials with client_id and
 * client_secret as form fields, answered with a Bearer access token for the client's OAuth Application
 * User. A wrong client or secret is a 401 `server_error` / `access_denied`, as the instance answers; a
 * grant the simulator does not serve is `unsupported_grant_type`.
 */
export function serveToken(form: URLSearchParams, clients: readonly OAuthClient[], issue: (client: OAuthClient) => string): Answer {
  const grant = form.get('grant_type');
  if (grant !== 'client_credentials') return { status: 400, body: { error_description: `Unsupported grant type ${grant ?? '(none)'}`, error: 'unsupported_grant_type' } };
  const client = clients.find((c) => c.clientId === form.get('client_id'));
  if (!client || client.clientSecret !== form.get('client_secret')) return refused();
  return { status: 200, headers: { 'cache-control': 'no-store', pragma: 'no-cache' }, body: { access_token: issue(client), scope: 'useraccount', token_type: 'Bearer', expires_in: LIFESPAN_S } };
}
