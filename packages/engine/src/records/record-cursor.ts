import { and, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { decodeCursor, encodeCursor } from '../lib/pagination.ts';

/** How lists can be ordered; always newest (or highest) first, then by id. The first is the default. */
export const recordSorts = ['last_seen', 'first_seen', 'occurred_at', 'severity_id'] as const;
export type RecordSort = (typeof recordSorts)[number];

const NULL = '';

/** Keyset condition for `column desc nulls last, id desc` after the cursor's (value, id). */
export function afterCursor(column: PgColumn, id: PgColumn, cursor: string, kind: 'time' | 'number'): SQL {
  const [raw, last] = decodeCursor(cursor, 2);
  const key = String(last);
  if (raw === NULL) return and(isNull(column), lt(id, key))!;
  const value = kind === 'time' ? new Date(String(raw)) : Number(raw);
  return or(lt(column, value), and(eq(column, value), lt(id, key)), isNull(column))!;
}

export function cursorOf(value: Date | number | null, id: string): string {
  return encodeCursor([value === null ? NULL : value instanceof Date ? value.toISOString() : value, id]);
}

/** `desc nulls last` for a nullable column; plain `desc` for a NOT NULL one, so a backward index scan can serve it. */
export const descOrder = (column: PgColumn) => (column.notNull ? sql`${column} desc` : sql`${column} desc nulls last`);
