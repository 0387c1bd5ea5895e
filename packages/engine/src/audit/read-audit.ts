import { and, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import { auditLog, type Db } from '@patchbay/store';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';

export interface AuditFilter extends PageRequest {
  /** null: platform-wide rows only (platform admins); undefined: every organisation. */
  readonly organizationId?: string | null;
  readonly action?: string;
  readonly actorId?: string;
  readonly targetType?: string;
  readonly targetId?: string;
  readonly since?: Date;
  readonly until?: Date;
}

export type AuditRow = typeof auditLog.$inferSelect;

/** Newest first. */
export async function readAudit(db: Db, filter: AuditFilter): Promise<Page<AuditRow>> {
  const limit = clampLimit(filter.limit);
  const where: SQL[] = [];
  if (filter.organizationId) where.push(eq(auditLog.organizationId, filter.organizationId));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
  if (filter.targetType) where.push(eq(auditLog.targetType, filter.targetType));
  if (filter.targetId) where.push(eq(auditLog.targetId, filter.targetId));
  if (filter.since) where.push(gte(auditLog.occurredAt, filter.since.toISOString()));
  if (filter.until) where.push(lte(auditLog.occurredAt, filter.until.toISOString()));
  if (filter.cursor) where.push(lt(auditLog.seq, Number(decodeCursor(filter.cursor, 1)[0])));
  const rows = await db
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.seq))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [r.seq]);
}
