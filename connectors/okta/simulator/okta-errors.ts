/** An answer of the simulated Okta org. */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

let serial = 0;

/**
 * Okta's error body (https://developer.okta.com/docs/reference/error-codes/): errorCode, errorSummary,
 * errorLink, errorId and errorCauses.
 */
export function oktaError(status: number, errorCode: string, errorSummary: string, headers: Readonly<Record<string, string>> = {}): Answer {
  serial += 1;
  return { status, headers, body: { errorCode, errorSummary, errorLink: errorCode, errorId: `oaesim${String(serial).padStart(16, '0')}`, errorCauses: [] } };
}

export const notFound = (what: string) => oktaError(404, 'E0000007', `Not found: Resource not found: ${what}`);
export const invalidToken = () => oktaError(401, 'E0000011', 'Invalid token provided', { 'www-authenticate': 'SSWS realm="Okta"' });
export const forbidden = () => oktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
export const rateLimited = (headers: Readonly<Record<string, string>>) => oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', headers);
export const badRequest = (summary: string) => oktaError(400, 'E0000001', `Api validation failed: ${summary}`);
export const unavailable = () => oktaError(503, 'E0000009', 'Internal Server Error');

/** 403 for an OAuth access token without the scope an endpoint needs, as Okta answers it. */
export function insufficientScope(scope: string): Answer {
  const challenge = `Bearer realm="IdpMyAccountAPI", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", scope="${scope}"`;
  return oktaError(403, 'E0000006', 'You do not have permission to perform the requested action', { 'www-authenticate': challenge });
}
