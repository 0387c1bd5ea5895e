import { describe, expect, it } from 'vitest';
import { isPatchbayError } from '@patchbay/types';
import { checkCron, firstRun, nextRun } from './next-run.ts';

const at = (s: string) => new Date(s);

describe('schedule timing', () => {
  it('keeps an interval on its grid: a late tick neither drifts nor fires a burst', () => {
    const every5 = { scheduleType: 'interval' as const, intervalMinutes: 5 };
    expect(firstRun(every5, at('2026-01-01T00:00:10Z'))).toEqual(at('2026-01-01T00:05:10Z'));
    expect(nextRun(every5, at('2026-01-01T00:05:10Z'), at('2026-01-01T00:05:10.400Z'))).toEqual(at('2026-01-01T00:10:10Z'));
    // An hour late (the hub was down): one run now, the next on the original grid.
    expect(nextRun(every5, at('2026-01-01T00:05:10Z'), at('2026-01-01T01:07:00Z'))).toEqual(at('2026-01-01T01:10:10Z'));
    // Exactly on a slot: the next slot, never the same one again.
    expect(nextRun(every5, at('2026-01-01T00:05:10Z'), at('2026-01-01T00:10:10Z'))).toEqual(at('2026-01-01T00:15:10Z'));
  });

  it('reads cron in its time zone and always moves strictly forward', () => {
    const daily9 = { scheduleType: 'cron' as const, cronExpression: '0 9 * * *', timezone: 'Europe/Paris' };
    expect(firstRun(daily9, at('2026-01-01T07:00:00Z'))).toEqual(at('2026-01-01T08:00:00Z'));
    expect(nextRun(daily9, at('2026-01-01T08:00:00Z'), at('2026-01-01T08:00:00Z'))).toEqual(at('2026-01-02T08:00:00Z'));
    const quarter = { scheduleType: 'cron' as const, cronExpression: '*/15 * * * *' };
    expect(nextRun(quarter, at('2026-01-01T00:15:00Z'), at('2026-01-01T00:47:30Z'))).toEqual(at('2026-01-01T01:00:00Z'));
    expect(firstRun({ scheduleType: 'event' }, at('2026-01-01T00:00:00Z'))).toBeNull();
  });

  it('rejects what is not a five- or six-field cron expression, naming the field', () => {
    for (const ok of ['*/5 * * * *', '0 6 * * MON-FRI', '30 0 6 * * *', '@daily']) expect(() => checkCron(ok)).not.toThrow();
    for (const bad of ['61 * * * *', '* * *', 'every minute', '0 0 30 2 *', '@sometimes', '* * * * * * *']) {
      try {
        checkCron(bad);
        expect.unreachable(bad);
      } catch (error) {
        expect(isPatchbayError(error) && error.code === 'VALIDATION_FAILED' && error.field === 'cron_expression', bad).toBe(true);
      }
    }
  });
});
