import { summarize, type CheckStatus, type ConformanceReport } from './report.ts';

const MARK: Record<CheckStatus, string> = { passed: 'pass', failed: 'FAIL', 'not-applicable': 'n/a' };

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The report as a plain-text table: one line per check, its status, time and reason, then totals. */
export function formatReport(report: ConformanceReport): string {
  const nameWidth = Math.max(5, ...report.checks.map((c) => c.name.length)) + 2;
  const lines = [
    `conformance of ${report.connector.id} ${report.connector.version} (database: ${report.database})`,
    '',
    `${pad('check', nameWidth)}${pad('status', 8)}${pad('time', 9)}reason`,
  ];
  for (const check of report.checks) {
    const time = check.durationMs >= 1000 ? `${(check.durationMs / 1000).toFixed(1)} s` : `${check.durationMs} ms`;
    lines.push(`${pad(check.name, nameWidth)}${pad(MARK[check.status], 8)}${pad(time, 9)}${check.reason ?? ''}`.trimEnd());
  }
  const counts = summarize(report);
  lines.push('', `${counts.passed} passed, ${counts.failed} failed, ${counts['not-applicable']} not applicable`);
  return `${lines.join('\n')}\n`;
}
