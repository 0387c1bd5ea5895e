/**
 * Reads the many ways vendors say "wait": Retry-After (seconds or an HTTP date), Retry-After-Ms and
 * x-ms-retry-after-ms (Microsoft), X-RateLimit-RetryAfter (CrowdStrike, epoch seconds), and the
 * remaining/reset pairs: X-RateLimit-* (GitHub, epoch seconds), X-Rate-Limit-* (Okta, epoch seconds),
 * RateLimit-* and the combined RateLimit header (IETF draft, seconds from now).
 */

/** Reset values: epoch milliseconds, epoch seconds, or seconds from now, told apart by size; or an HTTP date. */
export function parseResetValue(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const n = Number(text);
  if (Number.isFinite(n)) {
    if (n > 1e12) return Math.max(0, n - nowMs);
    if (n > 1e9) return Math.max(0, n * 1000 - nowMs);
    return Math.max(0, Math.ceil(n * 1000));
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function numberHeader(headers: Headers, names: readonly string[]): number | undefined {
  for (const name of names) {
    const value = headers.get(name);
    if (value === null) continue;
    const n = Number(value.split(',')[0]?.trim());
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

/** `limit=100, remaining=0, reset=30` from the draft's combined `RateLimit` header. */
function combinedField(headers: Headers, field: 'remaining' | 'reset'): string | undefined {
  const value = headers.get('ratelimit');
  if (value === null) return undefined;
  return new RegExp(`(?:^|[,;\\s])${field}=(\\d+(?:\\.\\d+)?)`, 'i').exec(value)?.[1];
}

/** Milliseconds the vendor asks to wait before the next call, or undefined when it says nothing. */
export function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const ms = numberHeader(headers, ['retry-after-ms', 'x-ms-retry-after-ms']);
  if (ms !== undefined && ms >= 0) return Math.ceil(ms);
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter.trim());
    if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
    const parsed = parseResetValue(retryAfter, nowMs);
    if (parsed !== undefined) return parsed;
  }
  const vendor = headers.get('x-ratelimit-retryafter');
  return vendor === null ? undefined : parseResetValue(vendor, nowMs);
}

export interface RateLimitWindow {
  readonly remaining?: number;
  /** Milliseconds until the vendor's window resets. */
  readonly resetInMs?: number;
}

export function rateLimitWindow(headers: Headers, nowMs: number): RateLimitWindow {
  const remainingText = combinedField(headers, 'remaining');
  const remaining = numberHeader(headers, ['x-ratelimit-remaining', 'x-rate-limit-remaining', 'ratelimit-remaining']) ?? (remainingText === undefined ? undefined : Number(remainingText));
  const resetText = headers.get('x-ratelimit-reset') ?? headers.get('x-rate-limit-reset');
  let resetInMs = resetText === null ? undefined : parseResetValue(resetText, nowMs);
  if (resetInMs === undefined) {
    const seconds = headers.get('ratelimit-reset') ?? combinedField(headers, 'reset');
    const n = seconds === null || seconds === undefined ? Number.NaN : Number(seconds);
    if (Number.isFinite(n)) resetInMs = Math.max(0, Math.ceil(n * 1000));
  }
  return { ...(remaining === undefined ? {} : { remaining }), ...(resetInMs === undefined ? {} : { resetInMs }) };
}

/** How long to hold every request back after this response, if at all (429, or nothing left in the window). */
export function pauseAfter(status: number, headers: Headers, nowMs: number): number | undefined {
  if (status === 429 || status === 503) {
    const wait = retryAfterMs(headers, nowMs);
    if (wait !== undefined) return wait;
  }
  const window = rateLimitWindow(headers, nowMs);
  if (window.remaining !== undefined && window.remaining <= 0) return window.resetInMs;
  return status === 429 ? window.resetInMs : undefined;
}
