import { describe, expect, it } from 'vitest';
import type { OutboxRow } from '../events/envelope.ts';
import { DESTINATION_RETRY_MS, retryDelayMs } from './backoff.ts';
import { createGapGuard } from './gap-guard.ts';

const rows = (...seqs: number[]) => seqs.map((seq) => ({ seq }) as OutboxRow);

describe('the gap guard', () => {
  it('keeps rows up to a hole while the hole is young, then lets it go as a rollback', async () => {
    const guard = createGapGuard(50);
    expect(guard(rows(1, 2, 4, 5), 0).map((r) => r.seq)).toEqual([1, 2]);
    expect(guard(rows(4, 5), 2).map((r) => r.seq)).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    expect(guard(rows(4, 5), 2).map((r) => r.seq)).toEqual([4, 5]);
  });

  it('passes contiguous rows at once', () => {
    expect(createGapGuard(1_000)(rows(8, 9, 10), 7)).toHaveLength(3);
  });
});

describe('the retry schedule', () => {
  it('waits longer after each failure, then every 10 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(retryDelayMs)).toEqual([1_000, 5_000, 30_000, 120_000, 300_000, 600_000, 600_000, 600_000]);
    expect(DESTINATION_RETRY_MS.at(-1)).toBe(600_000);
  });
});
