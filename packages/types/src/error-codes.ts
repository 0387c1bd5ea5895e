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
  CONNECTOR_IN_USE: spec(409, 'conflict', false, 'The connector is used by instances', 'Delete the instances named in the message (or move them to another connector), then delete the connector.'),
  CONNECTOR_SPEC_INVALID: spec(400, 'input', false, "The program's spec is not a valid connector declaration", 'Correct the spec field named in `field` (run `<command> spec` to see the output); docs/connectors/PROTOCOL.md describes each field.'),
  // Process-protocol connector programs
  PROCESS_PROTOCOL_ERROR: spec(502, 'vendor', false, 'The connector program broke the process protocol', 'Fix the program: the message names the output line and the rule it broke (docs/connectors/PROTOCOL.md).'),
  PROCESS_TIMEOUT: spec(504, 'transient', true, 'The connector program did not answer in time', 'Nothing if it was a slow vendor: the next run retries. If it persists, make the program send a message (LOG counts) at least every idle interval.'),
  PROCESS_FAILED: spec(502, 'vendor', false, 'The connector program failed', 'Read details.stderr_tail and the log; check that the registered command starts by hand. Programs should report failures as ERROR messages.'),
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
  LIVE_SAMPLE_TIMEOUT: spec(504, 'transient', true, 'The stream did not produce its first page in time', 'Streams that first have the vendor prepare an export (Tenable VM, say) can take minutes: run a sync and use "Load recent records" instead, or sample again later.'),
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
  // Jobs and workers
  SYNC_ALREADY_RUNNING: spec(409, 'conflict', false, 'This stream of the instance is already syncing', 'Wait for the execution named in details.execution_id to end (or cancel it), then sync again; queued syncs wait their turn by themselves.'),
  WORKER_LOST: spec(503, 'transient', true, 'The process running the sync stopped', 'Nothing: the next run resumes from the last committed page. Check why the worker stopped (its log, the machine).'),
  // Credential vault
  VAULT_NOT_CONFIGURED: spec(409, 'config', false, 'The credential vault has no key-encryption key', 'Start the hub through `patchbay serve` (it opens the keyring in the data folder) or set PATCHBAY_MASTER_KEY to 32 random bytes in base64.'),
  VAULT_KEY_UNAVAILABLE: spec(500, 'config', false, 'A key-encryption key the vault needs is not available', 'Supply the key named in the message: restore `vault-keyring.json` in the data folder, or add the old key to PATCHBAY_PREVIOUS_MASTER_KEYS (docs/security.md).'),
  VAULT_DECRYPT_FAILED: spec(500, 'bug', false, 'A vault record failed its integrity check', 'The ciphertext, its data key or its associated data was changed outside Patchbay: restore the record from a backup, or delete and recreate the credential. The attempt is in the audit log.'),
  KEY_ROTATION_NO_NEW_KEY: spec(409, 'conflict', false, 'There is no new key-encryption key to rotate to', 'With PATCHBAY_MASTER_KEY: set a new key, move the current one to PATCHBAY_PREVIOUS_MASTER_KEYS, restart, then rotate again.'),
  KEY_IN_USE: spec(409, 'conflict', false, 'The key-encryption key still wraps data keys', 'Finish the rotation first (`patchbay keys rotate` resumes it), then retire the key.'),
  AUTH_CONFIG_IN_USE: spec(409, 'conflict', false, 'The authentication config is used by instances', 'Point the instances named in the message at another config, or delete them, then delete the config.'),
  AUTH_CONFIG_NOT_FOUND: spec(404, 'not_found', false, 'No authentication config with this id', 'List configs with GET /api/integration/auth-configs and use an `id` from it.'),
  CREDENTIAL_INVALID: spec(400, 'input', false, 'The credentials do not match the auth type', 'Send the fields the auth type needs (docs/security.md lists them); the message names the first missing or wrong one.'),
  CREDENTIAL_TEST_UNSUPPORTED: spec(409, 'conflict', false, 'This credential can only be tested through a connector', 'Attach the config to an instance and use POST /api/integration/instances/{id}/test.'),
  CREDENTIAL_NOT_REFRESHABLE: spec(409, 'conflict', false, 'This credential has nothing to refresh', 'Static credentials (API keys, passwords, certificates) change only by PUT /api/integration/auth-configs/{id}.'),
  CREDENTIAL_NOT_AUTHORIZED: spec(409, 'conflict', false, 'The OAuth authorization has not been completed', 'Start it with POST /api/integration/auth-configs/{id}/authorize and finish it in the browser.'),
  CREDENTIAL_REFRESH_FAILED: spec(502, 'auth', false, 'The token endpoint refused the credential', 'Check the client id, secret, grant or consent named in the message, update the config, then POST .../refresh. Instances using it are in error until then.'),
  OAUTH_STATE_INVALID: spec(400, 'input', false, 'The OAuth callback state is unknown, expired or not yours', 'Start the authorization again with POST /api/integration/auth-configs/{id}/authorize, from the same browser, within 10 minutes.'),
  PUBLIC_URL_REQUIRED: spec(409, 'config', false, 'PATCHBAY_PUBLIC_URL is not set', 'Set PATCHBAY_PUBLIC_URL to the address browsers reach the hub at; the OAuth callback is under it.'),
  // Data mappings
  MAPPING_INVALID: spec(400, 'input', false, 'The mapping does not compile or targets an attribute its OCSF class lacks', 'Correct the expression or path named in `field` (the message gives the position in the expression); POST /api/integration/mappings/{id}/validate reports every problem at once.'),
  MAPPING_ACTIVE_EXISTS: spec(409, 'conflict', false, 'The stream already has an active mapping', 'Update that mapping (PUT makes a new version), or deactivate it first; `details.mapping_id` names it.'),
  // Events, subscriptions and webhooks
  SUBSCRIPTION_ACTION_UNAVAILABLE: spec(400, 'input', false, 'This subscription action type is not available yet', 'Use action_type "webhook" (an outgoing webhook endpoint) or "sync" (trigger a sync of an instance).'),
  WEBHOOK_KEY_UNKNOWN: spec(404, 'not_found', false, 'No instance receives webhooks at this key', 'Use the URL shown when the instance was created or its webhook secret rotated (POST /api/integration/instances/{id}/webhook-secret/rotate shows a new one).'),
  WEBHOOK_SIGNATURE_INVALID: spec(401, 'unauthenticated', false, 'The webhook signature or token does not verify', "Configure the sender with the instance's current webhook secret (rotate it to get a new one) and the verification scheme the instance uses."),
  WEBHOOK_TIMESTAMP_STALE: spec(401, 'unauthenticated', false, 'The webhook timestamp is outside the tolerance', "Check the sender's clock; deliveries older or newer than the tolerance (5 minutes by default) are refused to stop replays."),
  WEBHOOK_REPLAYED: spec(409, 'conflict', false, 'This webhook message id was already received', 'Nothing if it is a retry of a delivered message: it was stored the first time. Senders must use a new id per message.'),
  WEBHOOK_IP_NOT_ALLOWED: spec(403, 'forbidden', false, "The sender's address is not in the instance's IP allow-list", "Send from an address in the allow-list, or add the sender's range to the instance's webhook settings."),
  WEBHOOK_BODY_MALFORMED: spec(400, 'input', false, 'The webhook body could not be parsed', 'Send a JSON (or form-encoded) body; a body with a valid signature is kept for inspection at GET /api/integration/instances/{id}/webhooks.'),
  WEBHOOK_NOT_CONFIGURED: spec(409, 'config', false, 'This instance has no inbound webhook secret yet', 'Create one with POST /api/integration/instances/{id}/webhook-secret/rotate.'),
  // Response actions and configuration as code
  ACTION_LIMIT_EXCEEDED: spec(429, 'rate_limited', true, 'The action reached its blast-radius limit on this instance', 'Wait for the `Retry-After` seconds, or ask an admin to raise the limit (PUT /api/integration/instances/{id}/action-limits); `details` names the limit.'),
  APPROVAL_SEPARATION_OF_DUTIES: spec(403, 'forbidden', false, 'A run must be approved or rejected by a different user than the one who requested it', 'Ask another user with the admin or editor role to approve or reject the run.'),
  ACTION_NOT_REVERSIBLE: spec(409, 'conflict', false, 'This action run cannot be reversed', 'Only a succeeded run of an action that declares a `reverse` action can be reversed, once; the message says which condition failed.'),
  ACTION_RUN_LOST: spec(503, 'transient', false, 'The process running the action stopped before it recorded the outcome', "Check on the vendor's side whether the action took effect (a run that was `running` may or may not have acted; one that was only `approved` sent nothing), then invoke it again if needed. The process's log says why it stopped."),
  CONFIG_IMPORT_INVALID: spec(400, 'input', false, 'The configuration document is not valid', 'Correct every key and reference named in `errors` (unknown keys, missing credentials or instances); nothing was applied.'),
  // SIEM destinations
  DESTINATION_UNSUPPORTED: spec(400, 'input', false, "The instance's connector cannot be a destination, or not in this format", "Bind the destination to an instance of a connector with the `destination` capability (GET /api/integration/connectors/{id}/capabilities lists its formats), in one of its formats."),
  DESTINATION_NOT_FAILING: spec(409, 'conflict', false, 'The destination has no failing batch to skip', 'Skip only applies while the destination is failing (GET /api/integration/destinations/{id} shows its health).'),
  DESTINATION_REPLAY_IN_PROGRESS: spec(409, 'conflict', false, 'A replay of this destination is still running', 'Wait until `replay` is null on GET /api/integration/destinations/{id}, then ask for the next range.'),
  DESTINATION_SEND_FAILED: spec(502, 'transient', true, 'The destination did not accept the batch', 'Nothing if the receiver is down: the batch is retried with backoff and the cursor waits. Read `last_error`; a batch it will never accept can be skipped to the dead-letter queue (POST .../skip).'),
  DESTINATION_REJECTED: spec(422, 'config', false, 'The receiver refused the content of the batch', "Sending it again will not help: read `last_error` (it names the event and the receiver's reason), skip the batch to the dead-letter queue (POST .../skip), fix the cause (format, index, size limit), then replay the range."),
  DESTINATION_FORMAT_FAILED: spec(422, 'config', false, 'An event could not be rendered in the destination format', "Fix the destination's format options (a JSONata template that fails names the event), then skip or retry the batch."),
  // Ticketing
  TICKETING_UNSUPPORTED: spec(400, 'input', false, "The instance's connector cannot open tickets", 'Bind the ticket rule to an instance of a connector with the `ticket` capability (GET /api/integration/connectors?capability=ticket).'),
  TICKET_TEMPLATE_INVALID: spec(400, 'input', false, 'A ticket rule template or field expression is not valid JSONata', 'Correct the expression named in `field`; expressions see `{ record, asset, findings, rule }`.'),
  // Observability and retention
  RETENTION_POLICY_INVALID: spec(400, 'config', false, 'The retention policy is not valid', 'Set each PATCHBAY_RETENTION_*_DAYS variable named in `field` to a whole number of days from 1 to 36500, or unset it for the default.'),
  INTERNAL: spec(500, 'bug', false, 'Internal error', 'Report it with the request id from the response; details are in the server log.'),
} as const satisfies Record<string, ErrorCodeSpec>;

export type ErrorCode = keyof typeof errorCodes;
