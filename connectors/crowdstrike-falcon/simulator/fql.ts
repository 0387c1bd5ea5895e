import { BadRequest } from './answer.ts';

export interface TimeRange {
  readonly from?: number;
  readonly to?: number;
}

const COMPARISON = /^([a-z_.]+):(>=|<=|>|<)'([^']+)'$/;

/**
 * The range on `field` of an FQL filter made of `+`-joined comparisons (the simulator's subset of FQL:
 * https://falcon.crowdstrike.com/documentation/45/falcon-query-language-fql). Other terms, such as a
 * parenthesised user filter, are accepted and ignored.
 */
export function rangeOf(filter: string | null, field: string): TimeRange {
  if (filter === null) return {};
  let from: number | undefined;
  let to: number | undefined;
  for (const term of filter.split('+')) {
    const match = COMPARISON.exec(term.trim());
    if (!match || match[1] !== field) continue;
    const at = Date.parse(match[3]!);
    if (!Number.isFinite(at)) throw new BadRequest(`Invalid FQL: ${match[3]} is not a time`);
    const op = match[2]!;
    if (op === '>=') from = at;
    else if (op === '>') from = at + 1;
    else if (op === '<=') to = at;
    else to = at - 1;
  }
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

export function integerParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const value = query.get(name);
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new BadRequest(`${name} must be an integer from ${min} to ${max}`);
  return n;
}
