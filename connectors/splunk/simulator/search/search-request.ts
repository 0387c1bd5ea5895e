import { BadSearch } from './rest-answers.ts';

/** The searches the simulated ES answers: the notable index, plain or through the `notable` macro. */
const NOTABLE_SEARCH = /^search\s+(?:index\s*=\s*"?notable"?|`notable`)\s*$/i;

/**
 * A search/jobs time: epoch seconds (with decimals) or ISO 8601 with a zone, as the REST API takes
 * earliest_time and latest_time (relative times such as -24h are not simulated). Epoch ms.
 */
export function timeParam(value: string | null, name: string, fallback: number): number {
  if (value === null || value === '') return fallback;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(value) && Number.isFinite(Date.parse(value))) return Date.parse(value);
  throw new BadSearch(`Invalid ${name}: ${value.slice(0, 40)} (the simulator takes epoch seconds or ISO 8601 with a zone)`);
}

/** Checks the `search` parameter: a generating command first, and one the simulator can run. */
export function checkSearch(search: string | null): string {
  if (search === null || search.trim() === '') throw new BadSearch('Missing search parameter');
  const trimmed = search.trim();
  if (!/^(search\s|\|)/i.test(trimmed)) throw new BadSearch(`Error in 'SearchParser': the search must start with a generating command such as 'search', got: ${trimmed.slice(0, 40)}`);
  if (!NOTABLE_SEARCH.test(trimmed)) throw new BadSearch(`Error in 'search' command: the simulated Splunk runs only 'search index=notable' and 'search \`notable\`', got: ${trimmed.slice(0, 80)}`);
  return trimmed;
}
