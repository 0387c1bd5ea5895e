import type { BusinessHours } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';

const MINUTE = 60_000;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** Validates business hours: a real IANA zone, ISO weekdays, HH:MM with start before end. */
export function checkBusinessHours(raw: unknown): BusinessHours {
  const bad = (field: string, message: string) => new PatchbayError('VALIDATION_FAILED', { field: `business_hours.${field}`, message });
  if (typeof raw !== 'object' || raw === null) throw new PatchbayError('VALIDATION_FAILED', { field: 'business_hours', message: 'must be { timezone, days, start, end }' });
  const b = raw as Record<string, unknown>;
  for (const key of Object.keys(b)) if (!['timezone', 'days', 'start', 'end'].includes(key)) throw bad(key, `Unknown key ${key}; use timezone, days, start, end`);
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: String(b.timezone) });
  } catch {
    throw bad('timezone', `${JSON.stringify(b.timezone)} is not an IANA time zone (like Europe/Paris)`);
  }
  if (!Array.isArray(b.days) || b.days.length === 0 || !b.days.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)) throw bad('days', 'must list ISO weekdays, 1 (Monday) to 7 (Sunday)');
  for (const key of ['start', 'end'] as const) if (typeof b[key] !== 'string' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(b[key])) throw bad(key, 'must be HH:MM (24 h)');
  if (minutesOf(b.start as string) >= minutesOf(b.end as string)) throw bad('end', 'must be after start');
  return b as unknown as BusinessHours;
}

/** Local wall-clock parts of an instant in a zone. */
function localParts(at: Date, timezone: string): { weekday: number; minuteOfDay: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(get('weekday')) + 1;
  return { weekday, minuteOfDay: Number(get('hour')) * 60 + Number(get('minute')) };
}

/**
 * The instant `minutes` of SLA time after `from`: plain minutes, or only minutes inside business hours.
 * Walks in steps to the next boundary (end of the working window, or the next minute boundary outside
 * it), so a week-long target takes a few dozen steps, not thousands.
 */
export function addSlaMinutes(from: Date, minutes: number, hours?: BusinessHours | null): Date {
  if (!hours) return new Date(from.getTime() + minutes * MINUTE);
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  let at = from.getTime();
  let left = minutes;
  for (let guard = 0; guard < 100_000; guard++) {
    const { weekday, minuteOfDay } = localParts(new Date(at), hours.timezone);
    const working = hours.days.includes(weekday) && minuteOfDay >= start && minuteOfDay < end;
    if (working) {
      const room = end - minuteOfDay;
      if (left <= room) return new Date(at + left * MINUTE);
      left -= room;
      at += room * MINUTE;
    } else {
      // Outside the window: jump to the next window start today, or to the next midnight.
      const skip = hours.days.includes(weekday) && minuteOfDay < start ? start - minuteOfDay : 24 * 60 - minuteOfDay;
      at += skip * MINUTE;
      at -= new Date(at).getUTCSeconds() * 1000 + new Date(at).getUTCMilliseconds();
    }
  }
  throw new PatchbayError('VALIDATION_FAILED', { field: 'business_hours', message: 'No working minute found: the business hours leave no time to count' });
}
