import { createHash } from 'node:crypto';

/** Jira labels hold no whitespace and at most 255 characters (https://support.atlassian.com/jira-software-cloud/docs/add-labels-to-issues/). */
const MAX_LABEL = 255;
const SAFE = /^[A-Za-z0-9_.:-]+$/;

/**
 * The label that carries a ticket's dedup key: the prefix and the key as they are when the key is made of
 * label-safe characters and fits, else the prefix and the first 40 hex digits of its SHA-256 (stable, so a
 * retry finds the issue the first attempt opened).
 */
export function dedupLabel(prefix: string, dedupKey: string): string {
  if (SAFE.test(dedupKey) && prefix.length + dedupKey.length <= MAX_LABEL) return `${prefix}${dedupKey}`;
  return `${prefix}${createHash('sha256').update(dedupKey, 'utf8').digest('hex').slice(0, 40)}`;
}

/** Labels as Jira takes them: whitespace runs become `_`, empty ones are dropped, each kept once, at most 255 characters. */
export function jiraLabels(labels: readonly string[]): string[] {
  const out = labels.map((label) => label.trim().replace(/\s+/g, '_').slice(0, MAX_LABEL)).filter((label) => label !== '');
  return [...new Set(out)];
}
