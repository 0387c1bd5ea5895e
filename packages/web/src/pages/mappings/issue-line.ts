import type { PreviewIssue } from './mapping-types.ts';

/** An issue as one line: where (the OCSF path, unless the row already says it), what, and the expression position. */
export function issueLine(issue: PreviewIssue, withPath = false): string {
  const where = withPath && issue.path ? `${issue.path}: ` : '';
  const at = issue.position !== undefined && !/position \d+/.test(issue.message) ? ` (at character ${issue.position})` : '';
  const code = issue.code && !issue.message.includes(issue.code) ? ` [${issue.code}]` : '';
  return `${where}${issue.message}${at}${code}`;
}
