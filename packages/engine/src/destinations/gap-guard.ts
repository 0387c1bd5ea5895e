import type { OutboxRow } from '../events/envelope.ts';

/**
 * Keeps outbox rows up to the first hole in the sequence (a transaction that took its seq but has not
 * committed yet), until the hole has outlived `graceMs` of real time: then it is a rollback and skipped.
 * One guard per destination, as the dispatcher keeps its own.
 */
export function createGapGuard(graceMs: number) {
  let seen: { seq: number; at: number } | null = null;
  return (rows: OutboxRow[], after: number): OutboxRow[] => {
    const out: OutboxRow[] = [];
    let expected = after + 1;
    for (const row of rows) {
      if (row.seq !== expected) {
        const now = performance.now();
        if (seen?.seq !== expected) seen = { seq: expected, at: now };
        if (now - seen.at < graceMs) break;
        seen = null;
      }
      out.push(row);
      expected = row.seq + 1;
    }
    return out;
  };
}
