/**
 * @patchbay/sdk: the public surface for connector authors and the engine. Anything not exported here
 * is internal. Test helpers are in `@patchbay/sdk/testing`.
 */
export type { ConnectorContext } from './context.ts';
export type { Logger } from './logger.ts';
// Declarations: connectors, streams, actions, webhooks, auth methods, and their JSON descriptions.
export * from './declare/index.ts';
// Pagination and incremental-sync primitives over `ctx.http`.
export * from './paginate/index.ts';
export * from './incremental/index.ts';
// The HTTP toolkit (client, auth appliers, limits, retries, SSRF guard).
export * from './http/index.ts';
// Declared in both halves with the same shape; the declaration's is the one exported.
export type { RateLimits } from './declare/rate-limits.ts';
