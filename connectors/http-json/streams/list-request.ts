import type { HttpRequest, QueryValue, TimeWindow } from '@patchbay/sdk';
import type { HttpJsonConfig } from '../config.ts';
import { formatTime } from './time-value.ts';

/**
 * The first-page request of a listing: the configured path and fixed query, and for an incremental
 * read the window's bounds in `since_param` / `until_param` when the API has them.
 */
export function listRequest(config: HttpJsonConfig, operation: string, window?: TimeWindow): HttpRequest {
  const query: Record<string, QueryValue> = { ...config.query };
  if (window && config.since_param) query[config.since_param] = formatTime(window.from, config.time_format);
  if (window && config.until_param) query[config.until_param] = formatTime(window.to, config.time_format);
  return { url: config.path, query, operation };
}

/** Query parameter names that carry credentials: never stored in a checkpoint (the auth applier adds its own again). */
const CREDENTIAL_PARAM = /^(?:api[_-]?key|apikey|key|access[_-]?token|token|auth|secret|password|signature|sig|client[_-]?secret)$/i;

/** A next-page URL fit to store in a checkpoint: credential-like query parameters removed. */
export function storableLink(url: string): string {
  const parsed = new URL(url);
  for (const name of [...parsed.searchParams.keys()]) if (CREDENTIAL_PARAM.test(name)) parsed.searchParams.delete(name);
  return parsed.toString();
}
