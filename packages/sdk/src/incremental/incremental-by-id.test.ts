import { describe, expect, it } from 'vitest';
import { compareIds } from './id-cursor.ts';
import { incrementalById, type IdIncrementalOptions, type IdPage } from './incremental-by-id.ts';

interface Rec {
  readonly id: number | string;
}

/** A `since_id` API: ids greater than (or, if `inclusive`, equal to) `after`, in pages of 2. */
function api(ids: (number | string)[], inclusive = false) {
  return async function* (after: string | undefined) {
    const matched = ids.filter((id) => after === undefined || (inclusive ? BigInt(id) >= BigInt(after) : BigInt(id) > BigInt(after)));
    for (let at = 0; at < matched.length; at += 2) yield matched.slice(at, at + 2).map((id) => ({ id }));
  };
}

async function run(options: IdIncrementalOptions<Rec>, stopAfter = Number.POSITIVE_INFINITY) {
  const pages: IdPage<Rec>[] = [];
  for await (const page of incrementalById(options)) {
    pages.push(page);
    if (pages.length >= stopAfter) break;
  }
  return { ids: pages.flatMap((p) => p.records.map((r) => r.id)), state: pages.at(-1)?.state, pages };
}

describe('incrementalById', () => {
  it('moves the cursor with every ascending page and resumes after it', async () => {
    const query = api([1, 2, 3, 4, 5]);
    const first = await run({ state: undefined, id: (r) => r.id, query }, 1);
    expect(first).toMatchObject({ ids: [1, 2], state: { after: '2' } });
    const second = await run({ state: first.state, id: (r) => r.id, query });
    expect(second).toMatchObject({ ids: [3, 4, 5], state: { after: '5' } });
  });

  it('skips the stored id when the vendor filter is inclusive, and ids repeated at a boundary', async () => {
    const { ids } = await run({ state: { after: '2' }, id: (r) => r.id, query: api([1, 2, 3, 3, 4], true) });
    expect(ids).toEqual([3, 4]);
  });

  it('compares big numeric ids exactly', async () => {
    const big = ['9007199254740993', '9007199254740994'];
    const { ids, state } = await run({ state: { after: '9007199254740992' }, id: (r) => r.id, query: api(big) });
    expect(ids).toEqual(big);
    expect(state).toEqual({ after: '9007199254740994' });
    expect(compareIds('10', '9', 'numeric')).toBe(1);
    expect(compareIds('10', '9', 'lexicographic')).toBe(-1);
  });

  it('refuses out-of-order ids in ascending mode', async () => {
    const query = async function* () {
      yield [{ id: 5 }, { id: 3 }];
    };
    await expect(run({ state: undefined, id: (r) => r.id, query })).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
  });

  it("holds the cursor until the end of the run with order 'any'", async () => {
    const query = async function* () {
      yield [{ id: 5 }, { id: 9 }];
      yield [{ id: 7 }];
    };
    const { pages } = await run({ state: { after: '1' }, id: (r) => r.id, order: 'any', query });
    expect(pages.map((p) => [p.records.map((r) => r.id), p.state])).toEqual([
      [[5, 9], { after: '1' }],
      [[7], { after: '1' }],
      [[], { after: '9' }],
    ]);
  });

  it('rejects ids that are not decimal integers in numeric mode', async () => {
    const query = async function* () {
      yield [{ id: 'abc' }];
    };
    await expect(run({ state: undefined, id: (r) => r.id, query })).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE', field: 'id' });
    const ulids = async function* () {
      yield [{ id: '01HZX' }, { id: '01HZY' }];
    };
    expect((await run({ state: { after: '01HZX' }, id: (r) => r.id, comparison: 'lexicographic', query: ulids })).ids).toEqual(['01HZY']);
  });
});
