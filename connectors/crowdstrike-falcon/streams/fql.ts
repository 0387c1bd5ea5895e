import type { TimeWindow } from '@patchbay/sdk';

/**
 * Falcon Query Language: `field:>='time'` comparisons joined with `+` (AND), values in single quotes
 * (https://falcon.crowdstrike.com/documentation/45/falcon-query-language-fql, summarised in PSFalcon's
 * wiki: https://github.com/CrowdStrike/psfalcon/wiki/Falcon-Query-Language).
 */
export function updatedWithin(field: string, window: TimeWindow): string {
  return `${field}:>='${window.from.toISOString()}'+${field}:<='${window.to.toISOString()}'`;
}

/** ANDs the instance's own filter to a generated one; the user's is parenthesised so its `,` (OR) stays inside. */
export function andFql(generated: string, extra: string | undefined): string {
  const own = extra?.trim();
  return own ? `${generated}+(${own})` : generated;
}
