import { and, desc, eq, gte, ilike, lt, or, type SQL } from 'drizzle-orm';
import { integrationLogs, type Db, type LogLevel } from '@patchbay/store';
import type { Actor } from '../lib/actor.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import { cursorDate, cursorUuid } from './cursor-keys.ts';
import type { LogRow } from './log-operation.ts';

export interface LogFilter extends PageRequest {
  readonly instanceId?: string;
  readonly level?: LogLevel;
  readonly operation?: string;
  readonly syncId?: string;
  /** Inclusive. */
  readonly since?: Date;
  /** Exclusive. */
  readonly until?: Date;
  /** Case-insensitive substring of the message. */
  readonly text?: string;
}

/** `%`, `_` and `\` match themselves in the text filter. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The organisation's log entries, newest first, with keyset pagination. */
export async function readLogs(db: Db, actor: Actor, filter: LogFilter): Promise<Page<LogRow>> {
  const limit = clampLimit(filter.limit);
  const where: SQL[] = [eq(integrationLogs.organizationId, actor.organizationId)];
  if (filter.instanceId) where.push(eq(integrationLogs.instanceId, filter.instanceId));
  if (filter.level) where.push(eq(integrationLogs.level, filter.level));
  if (filter.operation) where.push(eq(integrationLogs.operation, filter.operation));
  if (filter.syncId) where.push(eq(integrationLogs.syncId, filter.syncId));
  if (filter.since) where.push(gte(integrationLogs.occurredAt, filter.since));
  if (filter.until) where.push(lt(integrationLogs.occurredAt, filter.until));
  if (filter.text) where.push(ilike(integrationLogs.message, likePattern(filter.text)));
  if (filter.cursor) {
    const [at, id] = decodeCursor(filter.cursor, 2);
    const t = cursorDate(at);
    where.push(or(lt(integrationLogs.occurredAt, t), and(eq(integrationLogs.occurredAt, t), lt(integrationLogs.id, cursorUuid(id))))!);
  }
  const rows = await db
    .select()
    .from(integrationLogs)
    .where(and(...where))
    .orderBy(desc(integrationLogs.occurredAt), desc(integrationLogs.id))
    .limit(limit + 1);
  return toPage(rows, limit, (r) => [r.occurredAt.toISOString(), r.id]);
}
