import { PatchbayError } from '@patchbay/types';
import { compareIds, normaliseId, type IdComparison, type IdCursorState } from './id-cursor.ts';
import { batchItems, type QueryBatch } from './query-pages.ts';

export interface IdIncrementalOptions<Raw> {
  /** The stored state; undefined on the first run. */
  readonly state: IdCursorState | undefined;
  readonly id: (raw: Raw) => string | number;
  /** Default `numeric`. */
  readonly comparison?: IdComparison;
  /**
   * `ascending` (default): ids come in increasing order and the cursor moves with every page; an id
   * going backwards is an error. `any`: the cursor moves only when the run has read everything.
   */
  readonly order?: 'ascending' | 'any';
  /** Reads records with ids greater than `after` (all when undefined), page by page. */
  readonly query: (after: string | undefined) => AsyncIterable<QueryBatch<Raw>>;
}

export interface IdPage<Raw> {
  readonly records: readonly Raw[];
  readonly state: IdCursorState | undefined;
}

/**
 * Incremental sync on monotonic ids (`since_id`). Records at or below the stored id are skipped, so an
 * inclusive vendor filter repeats nothing. With `order: 'any'` a restart re-reads the run (the upsert
 * absorbs the repeats) instead of skipping ids below a checkpoint taken mid-run.
 */
export async function* incrementalById<Raw>(options: IdIncrementalOptions<Raw>): AsyncGenerator<IdPage<Raw>, void, undefined> {
  const comparison = options.comparison ?? 'numeric';
  const ascending = (options.order ?? 'ascending') === 'ascending';
  const start = options.state?.after;
  let max = start;
  for await (const batch of options.query(start)) {
    const fresh: Raw[] = [];
    for (const raw of batchItems(batch)) {
      const id = normaliseId(options.id(raw), comparison);
      if (start !== undefined && compareIds(id, start, comparison) <= 0) continue;
      const position = max === undefined ? 1 : compareIds(id, max, comparison);
      if (ascending && position === 0) continue;
      if (ascending && position < 0) {
        throw new PatchbayError('VENDOR_BAD_RESPONSE', {
          message: `Record id ${id} came after ${String(max)}: the vendor does not return ids in ascending order`,
          hint: "Ask the vendor for ascending order, or use order: 'any'.",
        });
      }
      if (position > 0) max = id;
      fresh.push(raw);
    }
    const state = ascending && max !== undefined ? { after: max } : options.state;
    if (fresh.length > 0) yield { records: fresh, state };
  }
  if (!ascending && max !== undefined && max !== start) yield { records: [], state: { after: max } };
}
