/**
 * The catalogue of stable error codes. Every PatchbayError carries one of these codes; the HTTP status,
 * the kind and the retry decision come from here, never from the message. docs/errors.md documents each
 * code (a test keeps the two in step).
 */
export type ErrorKind =
  | 'input' // the caller sent something wrong: fix the request
  | 'unauthenticated' // no or bad credentials for Patchbay itself
  | 'forbidden' // authenticated, but the role does not allow it
  | 'not_found'
  | 'conflict'
  | 'config' // a connector or instance is configured wrongly (missing permission, bad URL)
  | 'auth' // vendor credentials rejected
  | 'rate_limited'
  | 'transient' // try again later: 5xx, timeouts, network
  | 'vendor' // the vendor answered something malformed
  | 'bug'; // our fault

export interface ErrorCodeSpec {
  readonly status: number;
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly title: string;
}

const spec = (status: number, kind: ErrorKind, retryable: boolean, title: string): ErrorCodeSpec => ({
  status,
  kind,
  retryable,
  title,
});

export const errorCodes = {
  // Request and API
  VALIDATION_FAILED: spec(400, 'input', false, 'The request does not match its schema'),
  INVALID_JSON: spec(400, 'input', false, 'The request body is not valid JSON'),
  UNSUPPORTED_MEDIA_TYPE: spec(415, 'input', false, 'The request body has an unsupported content type'),
  BODY_TOO_LARGE: spec(413, 'input', false, 'The request body is larger than the limit'),
  INVALID_CURSOR: spec(400, 'input', false, 'The pagination cursor is not valid'),
  ROUTE_NOT_FOUND: spec(404, 'not_found', false, 'No such route'),
  NOT_FOUND: spec(404, 'not_found', false, 'No such resource'),
  CONFLICT: spec(409, 'conflict', false, 'The resource is in a state that does not allow this'),
  ALREADY_EXISTS: spec(409, 'conflict', false, 'A resource with this name already exists'),
  INVALID_STATE_TRANSITION: spec(409, 'conflict', false, 'The status change is not allowed from the current status'),
  UNAUTHENTICATED: spec(401, 'unauthenticated', false, 'A valid bearer token is required'),
  TOKEN_EXPIRED: spec(401, 'unauthenticated', false, 'The bearer token has expired'),
  TOKEN_REVOKED: spec(401, 'unauthenticated', false, 'The bearer token was revoked'),
  FORBIDDEN: spec(403, 'forbidden', false, 'Your role does not allow this operation'),
  RATE_LIMITED: spec(429, 'rate_limited', true, 'Too many requests'),
  CONNECTOR_NOT_FOUND: spec(404, 'not_found', false, 'No connector with this id'),
  CONNECTOR_BUILT_IN: spec(409, 'conflict', false, 'Built-in connectors cannot be changed or deleted'),
  // Storage and process
  DATA_DIR_LOCKED: spec(409, 'conflict', false, 'The data folder is in use by another process'),
  DATA_DIR_CORRUPT: spec(500, 'bug', false, 'The embedded database could not be opened'),
  DATABASE_UNAVAILABLE: spec(503, 'transient', true, 'The database is not reachable'),
  MIGRATION_FAILED: spec(500, 'bug', false, 'A database migration failed'),
  AUDIT_CHAIN_BROKEN: spec(500, 'bug', false, 'The audit log hash chain is broken'),
  // Connectors talking to vendors
  VENDOR_AUTH_FAILED: spec(502, 'auth', false, 'The vendor rejected the credentials'),
  VENDOR_PERMISSION_DENIED: spec(502, 'config', false, 'The vendor credentials lack a required permission'),
  VENDOR_RATE_LIMITED: spec(503, 'rate_limited', true, 'The vendor is rate limiting requests'),
  VENDOR_UNAVAILABLE: spec(503, 'transient', true, 'The vendor API is unavailable'),
  VENDOR_TIMEOUT: spec(504, 'transient', true, 'The vendor API did not answer in time'),
  VENDOR_BAD_RESPONSE: spec(502, 'vendor', false, 'The vendor answered with a malformed response'),
  VENDOR_REQUEST_REJECTED: spec(502, 'vendor', false, 'The vendor rejected the request'),
  RESPONSE_TOO_LARGE: spec(502, 'vendor', false, 'The vendor response is larger than the limit'),
  HOST_NOT_ALLOWED: spec(400, 'config', false, 'The connector may not call this host'),
  PRIVATE_NETWORK_BLOCKED: spec(400, 'config', false, 'Private, loopback and link-local addresses are blocked'),
  CIRCUIT_OPEN: spec(503, 'transient', true, 'Calls are paused after repeated failures'),
  REQUEST_CANCELLED: spec(499, 'transient', false, 'The request was cancelled'),
  CONFIG_INVALID: spec(400, 'config', false, 'The connector configuration is not valid'),
  CHECKPOINT_INVALID: spec(500, 'bug', false, 'The stored checkpoint does not match the stream checkpoint schema'),
  PAGE_TOKEN_EXPIRED: spec(502, 'transient', true, 'The vendor page token expired'),
  INTERNAL: spec(500, 'bug', false, 'Internal error'),
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof errorCodes;
