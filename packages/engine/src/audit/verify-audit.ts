import { asc, gt } from 'drizzle-orm';
import { auditLog, type Db } from '@patchbay/store';
import { GENESIS_HASH, auditRowHash } from './audit-hash.ts';

export type AuditVerification =
  | { readonly ok: true; readonly rows: number }
  | { readonly ok: false; readonly rows: number; readonly brokenAt: { seq: number; id: string; reason: string } };

const BATCH = 1000;

/** Walks the whole chain in order, recomputing every hash; reports the first row that does not fit. */
export async function verifyAudit(db: Db): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(BATCH);
    for (const row of batch) {
      rows++;
      if (row.prevHash !== prevHash) {
        return { ok: false, rows, brokenAt: { seq: row.seq, id: row.id, reason: 'prev_hash does not match the previous row (a row was removed or reordered)' } };
      }
      const { seq: _seq, hash, prevHash: _p, ...fields } = row;
      if (auditRowHash(prevHash, fields) !== hash) {
        return { ok: false, rows, brokenAt: { seq: row.seq, id: row.id, reason: 'the row content does not match its hash (the row was modified)' } };
      }
      prevHash = hash;
      lastSeq = row.seq;
    }
    if (batch.length < BATCH) return { ok: true, rows };
  }
}
