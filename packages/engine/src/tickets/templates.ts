import jsonata from 'jsonata';
import { PatchbayError } from '@patchbay/types';

/** What a rule's templates and field expressions see. */
export interface TemplateInput {
  /** The finding that opened (or joined) the ticket: its OCSF data. */
  readonly record: Record<string, unknown>;
  /** The asset the finding is about, when one is known: `{ name, uid, criticality, tags }`. */
  readonly asset: Record<string, unknown> | null;
  readonly rule: { readonly id: string; readonly name: string };
  readonly priority: number;
}

export type Expression = ReturnType<typeof jsonata>;

/** Compiles a template (JSONata) or throws TICKET_TEMPLATE_INVALID naming the field. */
export function compileTemplate(source: string, field: string): Expression {
  if (source.length > 4000) throw new PatchbayError('TICKET_TEMPLATE_INVALID', { field, message: 'An expression may have at most 4000 characters' });
  try {
    return jsonata(source);
  } catch (error) {
    throw new PatchbayError('TICKET_TEMPLATE_INVALID', { field, message: `Not valid JSONata: ${(error as { message?: string }).message ?? String(error)}` });
  }
}

/**
 * A field mapping: vendor field → a constant, or a JSONata expression written as a string starting with
 * `=` (`"=record.finding_info.uid"`); `"=="` starts a constant that begins with `=`.
 */
export function compileFieldMapping(mapping: Record<string, unknown>): Map<string, Expression | { constant: unknown }> {
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) throw new PatchbayError('VALIDATION_FAILED', { field: 'field_mapping', message: 'must be an object of vendor field → constant or "=expression"' });
  const out = new Map<string, Expression | { constant: unknown }>();
  for (const [field, value] of Object.entries(mapping)) {
    if (!/^[A-Za-z_][\w.-]{0,127}$/.test(field)) throw new PatchbayError('VALIDATION_FAILED', { field: `field_mapping.${field}`, message: 'Field names are letters, digits, _ . - (like customfield_10042 or assignment_group)' });
    if (typeof value === 'string' && value.startsWith('==')) out.set(field, { constant: value.slice(1) });
    else if (typeof value === 'string' && value.startsWith('=')) out.set(field, compileTemplate(value.slice(1), `field_mapping.${field}`));
    else out.set(field, { constant: value });
  }
  return out;
}

/** Evaluates a template to a string ('' when it gives nothing). */
export async function renderText(expression: Expression, input: TemplateInput): Promise<string> {
  const value: unknown = await expression.evaluate(input);
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Renders every mapped field; a field whose expression gives nothing is left out. */
export async function renderFields(mapping: Map<string, Expression | { constant: unknown }>, input: TemplateInput): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [field, entry] of mapping) {
    const value: unknown = 'constant' in entry ? entry.constant : await entry.evaluate(input);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

export const defaultTitle = compileTemplate(`$substring((record.finding_info.title ? record.finding_info.title : record.message ? record.message : 'Finding ' & record.finding_info.uid) & (asset.name ? ' on ' & asset.name : ''), 0, 250)`, 'title_template');
export const defaultDescription = compileTemplate(
  `$join([
    'Opened by Patchbay rule "' & rule.name & '".',
    record.finding_info.desc ? record.finding_info.desc : record.message,
    'Severity: ' & (record.severity ? record.severity : $string(record.severity_id)),
    asset ? 'Asset: ' & asset.name & (asset.criticality ? ' (criticality ' & asset.criticality & ')' : '') : undefined,
    record.finding_info.uid ? 'Finding: ' & record.finding_info.uid : undefined,
    record.remediation.desc ? 'Remediation: ' & record.remediation.desc : undefined
  ][$ != undefined and $ != ''], '\n\n')`,
  'description_template',
);
