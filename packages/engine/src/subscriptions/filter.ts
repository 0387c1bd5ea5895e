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

/** Compiles a subscription's event type pattern, source and criteria once; `matches` runs per event. */
export function compileFilter(eventType: string, sourceInstanceId: string | null, raw: Record<string, unknown>): CompiledFilter {
  const c = checkCriteria(raw);
  const predicate = c.predicate ? jsonata(c.predicate) : null;
  return {
    async matches(event, instanceId) {
      if (!typeMatches(eventType, event.type)) return false;
      if (sourceInstanceId && instanceId !== sourceInstanceId) return false;
      if (c.instance_ids?.length && !(instanceId && c.instance_ids.includes(instanceId))) return false;
      const d = event.data;
      if (c.class_uids?.length && !c.class_uids.includes(Number(d.class_uid))) return false;
      if (c.severity_at_least !== undefined && !(typeof d.severity_id === 'number' && d.severity_id >= c.severity_at_least)) return false;
      if (c.tags?.length) {
        const have = tagsOf(d);
        if (!c.tags.every((t) => have.has(t))) return false;
      }
      if (predicate) {
        try {
          const result: unknown = await predicate.evaluate(event);
          return Boolean(result);
        } catch {
          return false;
        }
      }
      return true;
    },
  };
}
