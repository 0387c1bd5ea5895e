import { DraftError } from '../../components/draft-error.ts';
import type { TicketRule, TicketRuleInput } from '../../api/types.ts';
import { EMPTY_FILTER, fromCriteria, toCriteria, type FilterDraft } from '../../components/filter-criteria.ts';

/** The ticket rule form as typed; JSON objects (field mapping, priority matrix) as text. */
export interface RuleDraft {
  readonly name: string;
  readonly isActive: boolean;
  readonly instanceId: string;
  readonly sourceInstanceId: string;
  readonly filter: FilterDraft;
  readonly criticalityAtLeast: '' | 'low' | 'medium' | 'high' | 'critical';
  readonly assetTags: string;
  readonly assetMatch: 'any' | 'all';
  readonly groupBy: 'finding' | 'asset';
  readonly titleTemplate: string;
  readonly descriptionTemplate: string;
  readonly fieldMapping: string;
  readonly priorityMatrix: string;
  readonly slaPolicyId: string;
  readonly commentOnChanges: boolean;
}

export const NEW_RULE: RuleDraft = {
  name: '',
  isActive: true,
  instanceId: '',
  sourceInstanceId: '',
  filter: { ...EMPTY_FILTER, classUids: '2002', severityAtLeast: '4' },
  criticalityAtLeast: '',
  assetTags: '',
  assetMatch: 'any',
  groupBy: 'finding',
  titleTemplate: '',
  descriptionTemplate: '',
  fieldMapping: '{}',
  priorityMatrix: '',
  slaPolicyId: '',
  commentOnChanges: true,
};

function jsonObject(text: string, field: string, what: string): Record<string, unknown> | null {
  if (!text.trim()) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new DraftError(field, `${what} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new DraftError(field, `${what} must be a JSON object.`);
  return value as Record<string, unknown>;
}

function priorityMatrix(text: string): Record<string, Record<string, number>> | null {
  const matrix = jsonObject(text, 'priority-matrix', 'The priority matrix');
  if (!matrix) return null;
  for (const [severity, row] of Object.entries(matrix)) {
    const ok = typeof row === 'object' && row !== null && !Array.isArray(row) && Object.values(row).every((p) => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 5);
    if (!ok) throw new DraftError('priority-matrix', `The priority matrix row “${severity}” must map asset criticalities to priorities 1-5, such as { "none": 2 }.`);
  }
  return matrix as Record<string, Record<string, number>>;
}

/** The API body for a draft; throws a DraftError (or the filter's FilterDraftError) naming the field. */
export function toRuleInput(draft: RuleDraft): TicketRuleInput {
  if (!draft.name.trim()) throw new DraftError('name', 'Give the rule a name.');
  if (!draft.instanceId) throw new DraftError('instance', 'Choose the ITSM integration the tickets go to.');
  const tags = draft.assetTags
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const asset = draft.criticalityAtLeast || tags.length ? { ...(draft.criticalityAtLeast ? { criticality_at_least: draft.criticalityAtLeast } : {}), ...(tags.length ? { tags_any: tags } : {}), match: draft.assetMatch } : null;
  return {
    name: draft.name.trim(),
    is_active: draft.isActive,
    instance_id: draft.instanceId,
    source_instance_id: draft.sourceInstanceId || null,
    filter_criteria: toCriteria(draft.filter),
    asset_conditions: asset,
    group_by: draft.groupBy,
    title_template: draft.titleTemplate.trim() || null,
    description_template: draft.descriptionTemplate.trim() || null,
    field_mapping: jsonObject(draft.fieldMapping, 'field-mapping', 'The field mapping') ?? {},
    priority_matrix: priorityMatrix(draft.priorityMatrix),
    sla_policy_id: draft.slaPolicyId || null,
    comment_on_changes: draft.commentOnChanges,
  };
}

export function fromRule(rule: TicketRule): RuleDraft {
  const a = (rule.asset_conditions ?? {}) as { criticality_at_least?: RuleDraft['criticalityAtLeast']; tags_any?: string[]; match?: 'any' | 'all' };
  return {
    name: rule.name,
    isActive: rule.is_active,
    instanceId: rule.instance_id,
    sourceInstanceId: rule.source_instance_id ?? '',
    filter: fromCriteria(rule.filter_criteria),
    criticalityAtLeast: a.criticality_at_least ?? '',
    assetTags: (a.tags_any ?? []).join(', '),
    assetMatch: a.match ?? 'any',
    groupBy: rule.group_by,
    titleTemplate: rule.title_template ?? '',
    descriptionTemplate: rule.description_template ?? '',
    fieldMapping: JSON.stringify(rule.field_mapping, null, 2),
    priorityMatrix: rule.priority_matrix ? JSON.stringify(rule.priority_matrix, null, 2) : '',
    slaPolicyId: rule.sla_policy_id ?? '',
    commentOnChanges: rule.comment_on_changes,
  };
}
