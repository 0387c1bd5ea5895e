import jsonata from 'jsonata';
import { PatchbayError } from '@patchbay/types';
import { typeMatches } from '../events/catalog.ts';
import type { EventEnvelope } from '../events/envelope.ts';

/** What a subscription's `filter_criteria` may hold; every given criterion must match. */
export interface FilterCriteria {
  /** OCSF class_uid of the record the event is about. */
  readonly class_uids?: readonly number[];
  /** OCSF severity_id at or above this value. */
  readonly severity_at_least?: number;
  /** Source instances (besides the subscription's own instance_id). */
  readonly instance_ids?: readonly string[];
  /** Every tag must be among the event's `data.tags` or the record's `metadata.labels`. */
  readonly tags?: readonly string[];
  /** A JSONata expression over the envelope `{ type, timestamp, data }`; truthy means match. */
  readonly predicate?: string;
}

export interface CompiledFilter {
  matches(event: EventEnvelope, instanceId: string | null): Promise<boolean>;
  /** Every check against one event, whether it passed and why (the subscription test); `matches` stops at the first failure. */
  explain(event: EventEnvelope, instanceId: string | null): Promise<FilterVerdict>;
}

export interface FilterCheck {
  /** `event_type`, `instance_id` (the subscription's source), or a criterion's key. */
  readonly criterion: string;
  readonly passed: boolean;
  /** What was asked and what the event has. */
  readonly detail: string;
}

export interface FilterVerdict {
  readonly matched: boolean;
  readonly checks: FilterCheck[];
}

const KEYS = new Set(['class_uids', 'severity_at_least', 'instance_ids', 'tags', 'predicate']);

function invalid(message: string, field: string): PatchbayError {
  return new PatchbayError('VALIDATION_FAILED', { field: `filter_criteria.${field}`, message });
}

/** Validates criteria (unknown keys, types, a JSONata predicate that does not compile) into a 400. */
export function checkCriteria(raw: Record<string, unknown>): FilterCriteria {
  for (const key of Object.keys(raw)) if (!KEYS.has(key)) throw invalid(`Unknown criterion ${key}; use ${[...KEYS].join(', ')}`, key);
  const c = raw as FilterCriteria;
  if (c.class_uids !== undefined && !(Array.isArray(c.class_uids) && c.class_uids.every((n) => Number.isInteger(n)))) throw invalid('must be a list of OCSF class_uid integers', 'class_uids');
  if (c.severity_at_least !== undefined && !(Number.isInteger(c.severity_at_least) && c.severity_at_least >= 0 && c.severity_at_least <= 99)) throw invalid('must be an OCSF severity_id (0-6, or 99)', 'severity_at_least');
  if (c.instance_ids !== undefined && !(Array.isArray(c.instance_ids) && c.instance_ids.every((s) => typeof s === 'string'))) throw invalid('must be a list of instance ids', 'instance_ids');
  if (c.tags !== undefined && !(Array.isArray(c.tags) && c.tags.every((s) => typeof s === 'string'))) throw invalid('must be a list of strings', 'tags');
  if (c.predicate !== undefined) {
    if (typeof c.predicate !== 'string' || c.predicate.length > 4000) throw invalid('must be a JSONata expression (at most 4000 characters)', 'predicate');
    try {
      jsonata(c.predicate);
    } catch (error) {
      throw invalid(`is not valid JSONata: ${(error as { message?: string }).message ?? String(error)}`, 'predicate');
    }
  }
  return c;
}

function tagsOf(data: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (Array.isArray(v)) for (const t of v) if (typeof t === 'string') out.add(t);
  };
  add(data.tags);
  const record = data.record as { metadata?: { labels?: unknown } } | undefined;
  add(record?.metadata?.labels);
  return out;
}

/** One check's outcome; the detail is only written when asked for (the dispatcher asks only whether it passed). */
interface Outcome {
  readonly passed: boolean;
  detail(): string;
}

interface Check {
  readonly criterion: string;
  run(event: EventEnvelope, instanceId: string | null): Outcome | Promise<Outcome>;
}

const shown = (v: unknown) => (v === undefined ? 'none' : JSON.stringify(v));
const fromInstance = (i: string | null) => `the event is from ${i ?? 'no instance'}`;

/** The checks a subscription makes, in order: its event type and source, then each criterion given. */
function checksOf(eventType: string, sourceInstanceId: string | null, c: FilterCriteria): Check[] {
  const checks: Check[] = [{ criterion: 'event_type', run: (e) => ({ passed: typeMatches(eventType, e.type), detail: () => `${eventType} against ${e.type}` }) }];
  if (sourceInstanceId) checks.push({ criterion: 'instance_id', run: (_e, i) => ({ passed: i === sourceInstanceId, detail: () => `from ${sourceInstanceId}; ${fromInstance(i)}` }) });
  const { instance_ids: ids, class_uids: uids, severity_at_least: least, tags } = c;
  if (ids?.length) checks.push({ criterion: 'instance_ids', run: (_e, i) => ({ passed: i !== null && ids.includes(i), detail: () => `one of ${ids.join(', ')}; ${fromInstance(i)}` }) });
  if (uids?.length) checks.push({ criterion: 'class_uids', run: (e) => ({ passed: uids.includes(Number(e.data.class_uid)), detail: () => `class ${uids.join(' or ')}; the event has ${shown(e.data.class_uid)}` }) });
  if (least !== undefined) {
    checks.push({ criterion: 'severity_at_least', run: (e) => ({ passed: typeof e.data.severity_id === 'number' && e.data.severity_id >= least, detail: () => `severity_id ${least} or above; the event has ${shown(e.data.severity_id)}` }) });
  }
  if (tags?.length) {
    checks.push({
      criterion: 'tags',
      run: (e) => {
        const have = tagsOf(e.data);
        return { passed: tags.every((t) => have.has(t)), detail: () => `all of ${tags.join(', ')}; the event has ${[...have].join(', ') || 'none'}` };
      },
    });
  }
  if (c.predicate) {
    const text = c.predicate;
    const predicate = jsonata(text);
    checks.push({
      criterion: 'predicate',
      async run(e) {
        try {
          const value: unknown = await predicate.evaluate(e);
          return { passed: Boolean(value), detail: () => `${text} gave ${shown(value)}` };
        } catch (error) {
          // A predicate that fails on an event does not match it.
          return { passed: false, detail: () => `${text} failed: ${(error as { message?: string }).message ?? String(error)}` };
        }
      },
    });
  }
  return checks;
}

/** Compiles a subscription's event type pattern, source and criteria once; `matches` runs per event. */
export function compileFilter(eventType: string, sourceInstanceId: string | null, raw: Record<string, unknown>): CompiledFilter {
  const checks = checksOf(eventType, sourceInstanceId, checkCriteria(raw));
  return {
    async matches(event, instanceId) {
      for (const check of checks) if (!(await check.run(event, instanceId)).passed) return false;
      return true;
    },
    async explain(event, instanceId) {
      const results: FilterCheck[] = [];
      for (const check of checks) {
        const outcome = await check.run(event, instanceId);
        results.push({ criterion: check.criterion, passed: outcome.passed, detail: outcome.detail() });
      }
      return { matched: results.every((r) => r.passed), checks: results };
    },
  };
}
