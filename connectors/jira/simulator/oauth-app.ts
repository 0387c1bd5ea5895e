import type { Answer } from './answers.ts';

/**
 * An OAuth 2.0 (3LO) app at the simulated Atlassian authorization server: POST /oauth/token with the
 * refresh_token grant (https://developer.atlassian.com/cloud/jira/platform/oauth-2-3lo-apps/#how-do-i-get-a-new-access-token--if-my-access-token-expires-or-is-revoked-),
 * form or JSON, client id and secret in the body (or basic). Refresh tokens rotate: each use returns a new
 * one and retires the old, as Atlassian's rotating refresh tokens do. Access tokens live an hour.
 */
export class OAuthApp {
  readonly clientId = 'sim-jira-3lo-client';
  readonly clientSecret = 'sim-jira-3lo-secret-0123456789';
  readonly issued = new Set<string>();
  #refresh = 'sim-jira-refresh-1';
  #serial = 1;

  /** The refresh token the app holds now (what an authorized vault credential starts with). */
  get refreshToken(): string {
    return this.#refresh;
  }

  token(body: string, contentType: string | undefined, authorization: string | undefined): Answer {
    const params: Record<string, unknown> = contentType?.includes('json') ? (JSON.parse(body || '{}') as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(body));
    const basic = /^Basic (\S+)$/i.exec(authorization ?? '');
    const [basicId, basicSecret] = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8').split(':') : [];
    const clientId = params['client_id'] ?? (basicId ? decodeURIComponent(basicId) : undefined);
    const clientSecret = params['client_secret'] ?? (basicSecret ? decodeURIComponent(basicSecret) : undefined);
    if (clientId !== this.clientId || clientSecret !== this.clientSecret) return { status: 401, body: { error: 'access_denied', error_description: 'Unauthorized' } };
    if (params['grant_type'] !== 'refresh_token') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Only refresh_token is simulated' } };
    if (params['refresh_token'] !== this.#refresh) return { status: 403, body: { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' } };
    this.#serial += 1;
    this.#refresh = `sim-jira-refresh-${this.#serial}`;
    const access = `sim-jira-access-${this.#serial}`;
    this.issued.add(access);
    return { status: 200, body: { access_token: access, refresh_token: this.#refresh, expires_in: 3600, token_type: 'Bearer', scope: 'read:jira-work write:jira-work read:jira-user offline_access' } };
  }
}
