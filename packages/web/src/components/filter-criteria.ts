import { DraftError } from './draft-error.ts';
import type { FilterCriteria } from '../api/types.ts';

/** The filter builder's fields as typed: lists as comma-separated text, the severity as an OCSF id or ''. */
export interface FilterDraft {
  readonly classUids: string;
  readonly severityAtLeast: string;
  readonly tags: string;
  readonly predicate: string;
}

export const EMPTY_FILTER: FilterDraft = { classUids: '', severityAtLeast: '', tags: '', predicate: '' };

/** OCSF severity_id values, as the filter's `severity_at_least` takes them. */
export const SEVERITIES: readonly { id: number; label: string }[] = [
  { id: 1, label: 'Informational' },
  { id: 2, label: 'Low' },
  { id: 3, label: 'Medium' },
  { id: 4, label: 'High' },
  { id: 5, label: 'Critical' },
  { id: 6, label: 'Fatal' },
];

/** OCSF classes the hub's connectors produce, offered as shortcuts next to the free list. */
export const COMMON_CLASSES: readonly { uid: number; label: string }[] = [
  { uid: 2002, label: 'Vulnerability Finding' },
  { uid: 2003, label: 'Compliance Finding' },
  { uid: 2004, label: 'Detection Finding' },
  { uid: 2005, label: 'Incident Finding' },
  { uid: 5001, label: 'Device Inventory Info' },
  { uid: 3002, label: 'Authentication' },
];

const split = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** A filter draft's field at fault; the filter builder shows it under that field. */
export class FilterDraftError extends DraftError {
  declare readonly field: keyof FilterDraft;
  constructor(field: keyof FilterDraft, message: string) {
    super(field, message);
    this.name = 'FilterDraftError';
  }
}

/** The API's filter_criteria for a draft; only what was filled in. Throws a FilterDraftError naming the field at fault. */
export function toCriteria(draft: FilterDraft): FilterCriteria {
  const criteria: FilterCriteria = {};
  const classes = split(draft.classUids);
  if (classes.length > 0) {
    const uids = classes.map(Number);
    const bad = classes.find((c, i) => !Number.isInteger(uids[i]) || uids[i]! < 0);
    if (bad !== undefined) throw new FilterDraftError('classUids', `“${bad}” is not an OCSF class uid: give whole numbers such as 2002, 2004.`);
    criteria.class_uids = [...new Set(uids)];
  }
  if (draft.severityAtLeast !== '') {
    const severity = Number(draft.severityAtLeast);
    if (!SEVERITIES.some((s) => s.id === severity)) throw new FilterDraftError('severityAtLeast', `Severity must be an OCSF severity_id from 1 (Informational) to 6 (Fatal).`);
    criteria.severity_at_least = severity;
  }
  const tags = split(draft.tags);
  if (tags.length > 0) criteria.tags = [...new Set(tags)];
  if (draft.predicate.trim()) criteria.predicate = draft.predicate.trim();
  return criteria;
}

/** A stored filter back into the builder's fields (what it does not know, such as instance_ids, is kept by the caller). */
export function fromCriteria(criteria: Record<string, unknown> | null | undefined): FilterDraft {
  const c = (criteria ?? {}) as FilterCriteria;
  return {
    classUids: (c.class_uids ?? []).join(', '),
    severityAtLeast: c.severity_at_least !== undefined ? String(c.severity_at_least) : '',
    tags: (c.tags ?? []).join(', '),
    predicate: c.predicate ?? '',
  };
}

/** A filter in one line: "classes 2002, 2004 · severity High or above · tags production · predicate …". */
export function describeCriteria(criteria: Record<string, unknown> | null | undefined): string {
  const c = (criteria ?? {}) as FilterCriteria;
  const parts: string[] = [];
  if (c.class_uids?.length) parts.push(`class${c.class_uids.length > 1 ? 'es' : ''} ${c.class_uids.join(', ')}`);
  if (c.severity_at_least !== undefined) parts.push(`severity ${SEVERITIES.find((s) => s.id === c.severity_at_least)?.label ?? c.severity_at_least} or above`);
  if (c.instance_ids?.length) parts.push(`${c.instance_ids.length} source integration${c.instance_ids.length > 1 ? 's' : ''}`);
  if (c.tags?.length) parts.push(`tags ${c.tags.join(', ')}`);
  if (c.predicate) parts.push(`predicate ${c.predicate}`);
  return parts.length ? parts.join(' · ') : 'every event of the type';
}
