/** An HTTP answer of the simulated APIs. */
export interface Answer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON body; undefined for an empty body. */
  readonly body?: unknown;
}

/**
 * Errors in the OData JSON format both APIs use: `{ "error": { "code", "message", ... } }`. Graph adds
 * `innerError` with a request id and date (https://learn.microsoft.com/en-us/graph/errors); Defender for
 * Endpoint adds `target`, a request id (https://learn.microsoft.com/en-us/defender-endpoint/api/common-errors).
 */
export function odataError(status: number, code: string, message: string, headers: Readonly<Record<string, string>> = {}): Answer {
  return { status, headers, body: { error: { code, message, innerError: { 'request-id': '00000000-0000-4000-8000-000000000000', date: '2026-05-01T00:00:00' } } } };
}

/** 401 for a missing, unknown or revoked token, with the challenge Graph sends. */
export const unauthorized = (): Answer =>
  odataError(401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.', { 'www-authenticate': 'Bearer realm="", error="invalid_token"' });

/** 429 with Retry-After in seconds (https://learn.microsoft.com/en-us/graph/throttling). */
export const throttled = (seconds: number): Answer =>
  odataError(429, 'TooManyRequests', 'Too many requests. Please retry after the time given in Retry-After.', { 'retry-after': String(seconds) });

export const unavailable = (): Answer => odataError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Try again later.');

/** 403 naming the application permission the app lacks, as both APIs do. */
export const forbidden = (permission: string): Answer =>
  odataError(403, 'Forbidden', `Missing application roles. API required roles: ${permission}. The application does not have the required application permissions (${permission}) to access the resource.`);

export const notFound = (code: string, message: string): Answer => odataError(404, code, message);

export const badRequest = (code: string, message: string): Answer => odataError(400, code, message);
