/**
 * Okta's rate-limit headers (https://developer.okta.com/docs/reference/rl-best-practices/): per endpoint,
 * X-Rate-Limit-Limit, X-Rate-Limit-Remaining in the current minute and X-Rate-Limit-Reset, the epoch second
 * the window resets.
 */
export class RateWindow {
  readonly #limit: number;
  readonly #used = new Map<string, { minute: number; count: number }>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  headers(path: string, nowMs: number): Record<string, string> {
    const bucket = path.replace(/\/(00u|00g|0oa)[^/]*/g, '/{id}');
    const minute = Math.floor(nowMs / 60_000);
    const entry = this.#used.get(bucket);
    const count = entry && entry.minute === minute ? entry.count + 1 : 1;
    this.#used.set(bucket, { minute, count });
    return {
      'x-rate-limit-limit': String(this.#limit),
      'x-rate-limit-remaining': String(Math.max(1, this.#limit - count)),
      'x-rate-limit-reset': String((minute + 1) * 60),
    };
  }
}
