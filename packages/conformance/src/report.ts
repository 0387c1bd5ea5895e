/** The checks of the suite, in the order they run and are reported. */
export const checkNames = [
  'declaration',
  'json-schemas',
  'full-sync',
  'ocsf-mapping',
  'checkpoint-round-trip',
  'changes-between-runs',
  'restart-mid-sync',
  'rate-limit-retry-after',
  'unauthorized-refresh',
  'server-error-burst',
  'page-token-expired',
  'equal-timestamps-at-boundary',
  'newest-first',
  'empty-page',
  'malformed-json',
  'contract',
] as const;

export type CheckName = (typeof checkNames)[number];

export type CheckStatus = 'passed' | 'failed' | 'not-applicable';

export interface CheckResult {
  readonly name: CheckName;
  readonly status: CheckStatus;
  /** Why it failed, or why it does not apply. */
  readonly reason?: string;
  /** What was observed (counters, violations, differences). */
  readonly details?: Readonly<Record<string, unknown>>;
  readonly durationMs: number;
}

export interface ConformanceReport {
  readonly connector: { readonly id: string; readonly version: string };
  /** Where the stateful checks ran: `pglite`, `postgres`, or a caller-supplied database. */
  readonly database: string;
  readonly checks: readonly CheckResult[];
}

export function isCheckName(value: string): value is CheckName {
  return (checkNames as readonly string[]).includes(value);
}

/** How many checks ended in each status. */
export function summarize(report: ConformanceReport): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { passed: 0, failed: 0, 'not-applicable': 0 };
  for (const check of report.checks) counts[check.status] += 1;
  return counts;
}
