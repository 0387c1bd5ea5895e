import type { DeclarationIssues } from './issues.ts';

/**
 * Default request budget for one instance, from the vendor's documented limits. The engine enforces
 * the tightest window; administrators may lower the numbers per instance.
 */
export interface RateLimits {
  readonly perSecond?: number;
  readonly perMinute?: number;
  readonly perHour?: number;
  readonly perDay?: number;
  /** Requests that may go at once before the per-window pacing applies. */
  readonly burst?: number;
}

const windows = ['perSecond', 'perMinute', 'perHour', 'perDay'] as const;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value > 0;

export function checkRateLimits(issues: DeclarationIssues, field: string, limits: unknown): void {
  if (limits === undefined) return;
  if (typeof limits !== 'object' || limits === null) {
    issues.add(field, 'must be an object such as { perMinute: 600 }');
    return;
  }
  const record = limits as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (![...windows, 'burst'].includes(key)) issues.add(`${field}.${key}`, 'is not a known rate limit', `Use ${windows.join(', ')} or burst.`);
    else if (record[key] !== undefined && !isCount(record[key])) issues.add(`${field}.${key}`, 'must be a positive integer');
  }
  if (!windows.some((key) => record[key] !== undefined)) {
    issues.add(field, 'declares no window', 'Set at least one of perSecond, perMinute, perHour, perDay.');
  }
  // A shorter window allowing more than a longer one is a typing mistake (perMinute: 6000, perHour: 600).
  windows.forEach((shorter, index) => {
    for (const longer of windows.slice(index + 1)) {
      const a = record[shorter];
      const b = record[longer];
      if (isCount(a) && isCount(b) && a > b) {
        issues.add(`${field}.${shorter}`, `${shorter} (${a}) is more than ${longer} (${b})`);
      }
    }
  });
}
