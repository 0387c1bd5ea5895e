import { CronExpressionParser } from 'cron-parser';
import { PatchbayError } from '@patchbay/types';

/** The shortest interval: one minute. */
export const MIN_INTERVAL_MINUTES = 1;
/** The longest interval: a year. */
export const MAX_INTERVAL_MINUTES = 525_600;

const MACROS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly', '@minutely', '@weekdays', '@weekends']);

export function checkTimezone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new PatchbayError('VALIDATION_FAILED', { field: 'timezone', message: `${JSON.stringify(timezone)} is not an IANA time zone`, hint: 'Use a name such as UTC, Europe/Paris or America/New_York.' });
  }
}

/**
 * Checks a cron expression: five fields (minute hour day-of-month month day-of-week), six with a leading
 * seconds field, or a macro such as @daily. Throws VALIDATION_FAILED naming the problem.
 */
export function checkCron(expression: string, timezone = 'UTC'): void {
  const text = expression.trim();
  const fields = text.split(/\s+/).length;
  const fail = (why: string) =>
    new PatchbayError('VALIDATION_FAILED', {
      field: 'cron_expression',
      message: `${JSON.stringify(expression)} is not a valid cron expression: ${why}`,
      hint: 'Use five fields (minute hour day-of-month month day-of-week), e.g. "*/15 * * * *" or "0 6 * * MON-FRI", or a macro such as @daily.',
    });
  if (text.startsWith('@') ? !MACROS.has(text) : fields !== 5 && fields !== 6) throw fail(text.startsWith('@') ? 'unknown macro' : `it has ${fields} fields`);
  try {
    CronExpressionParser.parse(text, { tz: timezone }).next();
  } catch (error) {
    throw fail(error instanceof Error ? error.message : String(error));
  }
}

export interface Timing {
  readonly scheduleType: 'interval' | 'cron' | 'event';
  readonly intervalMinutes?: number | null;
  readonly cronExpression?: string | null;
  readonly timezone?: string;
}

/** The first run of a new (or re-timed, or re-activated) schedule: one interval from now, or the next cron time. */
export function firstRun(timing: Timing, now: Date): Date | null {
  if (timing.scheduleType === 'interval') return new Date(now.getTime() + timing.intervalMinutes! * 60_000);
  if (timing.scheduleType === 'cron') return cronAfter(timing.cronExpression!, timing.timezone ?? 'UTC', now);
  return null;
}

/**
 * The run after one that was due at `due`, given that it is now `now`. Intervals keep their phase (the
 * next slot after now on the grid due + k * interval), so a late tick neither drifts nor catches up with
 * a burst; cron takes the next time after now.
 */
export function nextRun(timing: Timing, due: Date, now: Date): Date | null {
  if (timing.scheduleType === 'interval') {
    const step = timing.intervalMinutes! * 60_000;
    const behind = Math.max(0, now.getTime() - due.getTime());
    return new Date(due.getTime() + (Math.floor(behind / step) + 1) * step);
  }
  if (timing.scheduleType === 'cron') return cronAfter(timing.cronExpression!, timing.timezone ?? 'UTC', now);
  return null;
}

function cronAfter(expression: string, timezone: string, after: Date): Date {
  return CronExpressionParser.parse(expression.trim(), { currentDate: after, tz: timezone }).next().toDate();
}
