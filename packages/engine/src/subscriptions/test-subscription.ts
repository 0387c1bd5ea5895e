import { sql } from 'drizzle-orm';
import { PatchbayError } from '@patchbay/types';
import { isValidTypePattern } from '../events/catalog.ts';
import type { EventEnvelope } from '../events/envelope.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { rowsOf } from '../lib/rows.ts';
import { compileFilter, type FilterVerdict } from './filter.ts';

/** A subscription as drafted (saved or not): what it listens to and its criteria. */
export interface SubscriptionDraft {
  readonly eventType: string;
  readonly instanceId?: string | null;
  readonly filterCriteria?: Record<string, unknown>;
}

/** An event to test against, with the instance it came from. */
export interface SampleEvent {
  readonly event: EventEnvelope;
  readonly instanceId: string | null;
}

export interface SubscriptionTest extends FilterVerdict, SampleEvent {
  /** Where the event came from: the caller's, or the organisation's latest of the type. */
  readonly source: 'given' | 'latest';
}

/** How far back the latest event of a type is looked for (the newest events of the organisation). */
export const LATEST_EVENT_WINDOW = 50_000;

/** The SQL condition for an event type pattern: `*`, a prefix `record.*`, or one type. */
function typeCondition(pattern: string) {
  if (pattern === '*') return sql`true`;
  if (pattern.endsWith('.*')) return sql`o.type like ${`${pattern.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
  return sql`o.type = ${pattern}`;
}

/** The organisation's most recent event matching the pattern, among its newest LATEST_EVENT_WINDOW events. */
async function latestEvent(deps: EngineDeps, actor: Actor, pattern: string): Promise<SampleEvent | null> {
  const rows = rowsOf<{ type: string; occurred_at: Date | string; data: Record<string, unknown>; instance_id: string | null }>(
    await deps.database.db.execute(sql`
      select o.type, o.occurred_at, o.data, o.instance_id
      from (select * from outbox where organization_id = ${actor.organizationId}::uuid order by seq desc limit ${LATEST_EVENT_WINDOW}) o
      where ${typeCondition(pattern)}
      order by o.seq desc limit 1`),
  );
  const row = rows[0];
  if (!row) return null;
  return { event: { type: row.type, timestamp: new Date(row.occurred_at).toISOString(), data: row.data }, instanceId: row.instance_id };
}

/**
 * Runs a subscription's filter against one event and says, check by check, whether it would fire and why.
 * Without an event, the organisation's latest event of the subscription's type is used (real data, nothing
 * sent, nothing stored).
 */
export async function testSubscription(deps: EngineDeps, actor: Actor, draft: SubscriptionDraft, sample?: SampleEvent): Promise<SubscriptionTest> {
  if (!isValidTypePattern(draft.eventType)) {
    throw new PatchbayError('VALIDATION_FAILED', { field: 'event_type', message: `${JSON.stringify(draft.eventType)} is not an event type or pattern`, hint: 'Use a type from GET /api/integration/events/types, a prefix such as record.*, or *.' });
  }
  const filter = compileFilter(draft.eventType, draft.instanceId ?? null, draft.filterCriteria ?? {});
  const used = sample ?? (await latestEvent(deps, actor, draft.eventType));
  if (!used) {
    throw new PatchbayError('NOT_FOUND', {
      field: 'event',
      message: `No ${draft.eventType} event among the organisation's latest ${LATEST_EVENT_WINDOW.toLocaleString('en')} events`,
      hint: 'Give an event to test against ({ "type", "timestamp", "data" }), or test once such an event has happened.',
    });
  }
  return { ...(await filter.explain(used.event, used.instanceId)), ...used, source: sample ? 'given' : 'latest' };
}
