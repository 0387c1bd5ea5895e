/** An HTTP answer of the simulated endpoints. */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body; undefined for an empty body (the 204 of an accepted call). */
  readonly body?: unknown;
}

/**
 * An error of the ingestion endpoint: the Azure Core error response the API description declares for
 * every status but 204 (`{ "error": { "code", "message" } }`, definitions/Azure.Core.Foundations.ErrorResponse
 * of DataCollectionRules.json), with the code in the `x-ms-error-code` header as well.
 */
export function azureError(status: number, code: string, message: string, headers: Readonly<Record<string, string>> = {}): Answer {
  return { status, headers: { 'x-ms-error-code': code, ...headers }, body: { error: { code, message } } };
}

export const accepted: Answer = { status: 204 };

/** 401: no bearer token, one this tenant did not issue, a revoked one, or one for another resource than Azure Monitor. */
export const unauthorized = (why: string): Answer =>
  azureError(401, 'InvalidAuthenticationToken', `The access token is missing or invalid: ${why}.`, { 'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"' });

/**
 * 429 with Retry-After in seconds: "Retry after the duration listed in the Retry-After header in the
 * response" (https://learn.microsoft.com/en-us/azure/azure-monitor/fundamentals/service-limits#logs-ingestion-api).
 */
export const throttled = (seconds: number): Answer => azureError(429, 'TooManyRequests', 'The data collection rule has exceeded its request or data rate limit.', { 'retry-after': String(seconds) });

export const unavailable = (): Answer => azureError(503, 'ServiceUnavailable', 'The service is temporarily unavailable. Try again later.');
