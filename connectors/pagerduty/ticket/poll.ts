import type { ConnectorContext } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { PagerDutyConfig } from '../config.ts';

/** Pauses between reads while waiting for the asynchronous Events API: 1 s, 2 s, 3 s, then every 5 s. */
const PAUSES_MS = [1_000, 2_000, 3_000, 5_000];

/**
 * Reads until `done` accepts what `read` returns, for at most incident_wait_seconds on the context's clock
 * (the Events API queues events and PagerDuty applies them a moment later). The first read is immediate.
 * Past the bound: VENDOR_TIMEOUT (retryable: opening and moving tickets are idempotent on the dedup key).
 */
export async function pollUntil<T>(ctx: ConnectorContext<PagerDutyConfig>, read: () => Promise<T>, done: (value: T) => boolean, what: string, hint: string): Promise<T> {
  const deadline = ctx.clock.now().getTime() + ctx.config.incident_wait_seconds * 1_000;
  for (let attempt = 0; ; attempt += 1) {
    const value = await read();
    if (done(value)) return value;
    const pause = PAUSES_MS[Math.min(attempt, PAUSES_MS.length - 1)]!;
    if (ctx.clock.now().getTime() + pause > deadline) {
      throw new PatchbayError('VENDOR_TIMEOUT', { message: `PagerDuty did not ${what} within ${ctx.config.incident_wait_seconds} s`, hint, details: { waited_seconds: ctx.config.incident_wait_seconds } });
    }
    await ctx.clock.sleep(pause, ctx.signal);
  }
}
