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
  /** What the caller should do about it (docs/errors.md). */
  readonly fix: string;
}

const spec = (status: number, kind: ErrorKind, retryable: boolean, title: string, fix: string): ErrorCodeSpec => ({
  status,
  kind,
  retryable,
  title,
  fix,
});

export const errorCodes = {
  // Request and API
  VALIDATION_FAILED: spec(400, 'input', false, 'The request does not match its schema', 'Correct the fields named in `field` and `errors`; the schemas are in /api/openapi.json.'),
  INVALID_JSON: spec(400, 'input', false, 'The request body is not valid JSON', 'Send a well-formed JSON document with `Content-Type: application/json`.'),
  UNSUPPORTED_MEDIA_TYPE: spec(415, 'input', false, 'The request body has an unsupported content type', 'Send JSON (`application/json`), or the content type the route documents.'),
  BODY_TOO_LARGE: spec(413, 'input', false, 'The request body is larger than the limit', 'Send a smaller body; the limit is 1 MiB by default.'),
  INVALID_CURSOR: spec(400, 'input', false, 'The pagination cursor is not valid', 'Pass the `next_cursor` of the previous page unchanged, or omit `cursor`.'),
  ROUTE_NOT_FOUND: spec(404, 'not_found', false, 'No such route', 'Check the method and path against /api/openapi.json.'),
  NOT_FOUND: spec(404, 'not_found', false, 'No such resource', 'Check the id; resources of other organisations are reported as not found.'),
  CONFLICT: spec(409, 'conflict', false, 'The resource is in a state that does not allow this', 'Read the resource again and retry with its current state.'),
  ALREADY_EXISTS: spec(409, 'conflict', false, 'A resource with this name already exists', 'Choose another name (or slug, or email), or update the existing resource.'),
  INVALID_STATE_TRANSITION: spec(409, 'conflict', false, 'The status change is not allowed from the current status', 'Check the current status (GET .../status); the message names the allowed move.'),
  UNAUTHENTICATED: spec(401, 'unauthenticated', false, 'A valid bearer token is required', 'Send `Authorization: Bearer <token>` with a valid API token.'),
  TOKEN_EXPIRED: spec(401, 'unauthenticated', false, 'The bearer token has expired', 'Create a new token (`patchbay token create`, or POST /api/admin/tokens).'),
  TOKEN_REVOKED: spec(401, 'unauthenticated', false, 'The bearer token was revoked', 'The token was revoked; ask an admin for a new one.'),
  FORBIDDEN: spec(403, 'forbidden', false, 'Your role does not allow this operation', 'Use a token whose role allows the operation; the hint names the roles.'),
  RATE_LIMITED: spec(429, 'rate_limited', true, 'Too many requests', 'Wait for the `Retry-After` seconds, then retry.'),
  CONNECTOR_NOT_FOUND: spec(404, 'not_found', false, 'No connector with this id', 'List connectors with GET /api/integration/connectors and use an `id` from it.'),
  CONNECTOR_BUILT_IN: spec(409, 'conflict', false, 'Built-in connectors cannot be changed or deleted', 'Built-in connectors ship with Patchbay; register your own program under another id.'),
  // Storage and process
  DATA_DIR_LOCKED: spec(409, 'conflict', false, 'The data folder is in use by another process', 'Stop the process named in the message, use another `--data-dir`, or go through the running hub with PATCHBAY_URL and PATCHBAY_TOKEN. Exit code 3.'),
  DATA_DIR_CORRUPT: spec(500, 'bug', false, 'The embedded database could not be opened', 'Restore the data folder from a backup, or move it aside to start empty.'),
  DATABASE_UNAVAILABLE: spec(503, 'transient', true, 'The database is not reachable', 'Check DATABASE_URL and that the PostgreSQL server runs and accepts connections.'),
  MIGRATION_FAILED: spec(500, 'bug', false, 'A database migration failed', 'Read the cause in the log; the failed migration rolled back, so fix the cause and start again.'),
  AUDIT_CHAIN_BROKEN: spec(500, 'bug', false, 'The audit log hash chain is broken', 'A row of the audit log was changed or removed outside Patchbay: restore it from a backup and investigate.'),
  // Connectors talking to vendors
  VENDOR_AUTH_FAILED: spec(502, 'auth', false, 'The vendor rejected the credentials', 'Check the credentials in the authentication config, then test it again.'),
  VENDOR_PERMISSION_DENIED: spec(502, 'config', false, 'The vendor credentials lack a required permission', 'Grant the vendor permission named in the message to the credentials (the connector README lists them).'),
  VENDOR_RATE_LIMITED: spec(503, 'rate_limited', true, 'The vendor is rate limiting requests', 'Nothing: the engine waits and retries. Lower the schedule frequency if it persists.'),
  VENDOR_UNAVAILABLE: spec(503, 'transient', true, 'The vendor API is unavailable', 'Nothing: retried with backoff. Check the vendor status page if it persists.'),
  VENDOR_TIMEOUT: spec(504, 'transient', true, 'The vendor API did not answer in time', 'Nothing: retried. Raise the timeout in the instance configuration if the vendor is slow.'),
  VENDOR_BAD_RESPONSE: spec(502, 'vendor', false, 'The vendor answered with a malformed response', 'Report it with the request id; the vendor answered outside its documented format.'),
  VENDOR_REQUEST_REJECTED: spec(502, 'vendor', false, 'The vendor rejected the request', 'Check the instance configuration (filters, ids) named in the message.'),
  RESPONSE_TOO_LARGE: spec(502, 'vendor', false, 'The vendor response is larger than the limit', 'Reduce the page size in the instance configuration.'),
  HOST_NOT_ALLOWED: spec(400, 'config', false, 'The connector may not call this host', 'Use the vendor host the connector declares, or the base URL in the instance configuration.'),
  PRIVATE_NETWORK_BLOCKED: spec(400, 'config', false, 'Private, loopback and link-local addresses are blocked', 'For on-premise or local endpoints an admin sets `allow_private_network` on the instance.'),
  CIRCUIT_OPEN: spec(503, 'transient', true, 'Calls are paused after repeated failures', 'Nothing: calls resume after the cool-down. Fix the underlying failure shown in the logs.'),
  REQUEST_CANCELLED: spec(499, 'transient', false, 'The request was cancelled', 'The sync or action was cancelled or the process is shutting down; run it again.'),
  CONFIG_INVALID: spec(400, 'config', false, 'The connector configuration is not valid', 'Correct the configuration field named in the message.'),
  CHECKPOINT_INVALID: spec(500, 'bug', false, 'The stored checkpoint does not match the stream checkpoint schema', 'Reset the stream checkpoint (full resync); report it, since a connector changed its checkpoint without migrating.'),
  PAGE_TOKEN_EXPIRED: spec(502, 'transient', true, 'The vendor page token expired', 'Nothing: the stream restarts from its last checkpoint.'),
  INTERNAL: spec(500, 'bug', false, 'Internal error', 'Report it with the request id from the response; details are in the server log.'),
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof errorCodes;
