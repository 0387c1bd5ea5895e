import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { slaPolicies, ticketRules } from '@patchbay/store';
import { isPatchbayError, PatchbayError } from '@patchbay/types';
import { canonicalJson } from '../lib/canonical-json.ts';
import { checkAssetConditions } from '../tickets/ticket-rules.ts';
import { createTicketRuleService, type TicketRuleInput } from '../tickets/ticket-rules.ts';
import { checkTargets, createSlaPolicyService } from '../tickets/sla-policies.ts';
import { checkPriorityMatrix } from '../tickets/priority.ts';
import { checkBusinessHours } from '../tickets/sla-clock.ts';
import { compileFieldMapping, compileTemplate } from '../tickets/templates.ts';
import { checkCriteria } from '../subscriptions/filter.ts';
import type { ConfigSection, DocumentIssue, SectionApplyContext } from './config-section.ts';

const json = z.record(z.string(), z.unknown());

/** An SLA policy: minutes to resolution per priority, the warning ratio, optional business hours. */
export const slaPolicyEntry = z
  .object({
    name: z.string().min(1),
    targets: z.record(z.string(), z.number()),
    near_breach_ratio: z.number(),
    business_hours: z.object({ timezone: z.string(), days: z.array(z.number()), start: z.string(), end: z.string() }).strict().nullable(),
  })
  .strict();
export type SlaPolicyEntry = z.output<typeof slaPolicyEntry>;

/** A ticket rule: the ITSM instance and the SLA policy by name, everything else as the API takes it. */
export const ticketRuleEntry = z
  .object({
    name: z.string().min(1),
    instance: z.string().min(1).describe('The ITSM instance (by name); its connector declares ticket'),
    is_active: z.boolean(),
    source_instance: z.string().min(1).nullable(),
    filter_criteria: json,
    asset_conditions: json.nullable(),
    group_by: z.enum(['finding', 'asset']),
    title_template: z.string().nullable(),
    description_template: z.string().nullable(),
    field_mapping: json,
    priority_matrix: z.record(z.string(), z.record(z.string(), z.number())).nullable(),
    sla_policy: z.string().min(1).nullable().describe('An SLA policy by name (in this document or the hub)'),
    comment_on_changes: z.boolean(),
  })
  .strict();
export type TicketRuleEntry = z.output<typeof ticketRuleEntry>;

const byName = <E extends { name: string }>(a: { entry: E }, b: { entry: E }) => (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0);

function collect(issues: DocumentIssue[], field: string, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (!isPatchbayError(error)) throw error;
    issues.push({ field: error.field ? `${field}.${error.field.split('.').slice(1).join('.')}`.replace(/\.$/, '') : field, message: error.message });
  }
}

/** `sla_policies:` of the configuration document, matched by name; before ticket rules, which name them. */
export const slaPoliciesSection: ConfigSection<SlaPolicyEntry> = {
  key: 'sla_policies',
  kind: 'sla_policy',
  async read(tx, ctx) {
    const rows = await tx.select().from(slaPolicies).where(eq(slaPolicies.organizationId, ctx.organizationId));
    return rows
      .map((p) => ({ id: p.id, entry: { name: p.name, targets: p.targets, near_breach_ratio: p.nearBreachRatio, business_hours: p.businessHours ? { ...p.businessHours, days: [...p.businessHours.days] } : null } }))
      .sort(byName);
  },
  name: (e) => e.name,
  matches: (desired, current) => desired.name === current.name,
  check(entries) {
    const issues: DocumentIssue[] = [];
    entries.forEach((p, i) => {
      const at = `sla_policies[${i}]`;
      collect(issues, `${at}.targets`, () => checkTargets(p.targets));
      if (!(p.near_breach_ratio > 0 && p.near_breach_ratio < 1)) issues.push({ field: `${at}.near_breach_ratio`, message: 'must be a fraction between 0 and 1' });
      if (p.business_hours) collect(issues, `${at}.business_hours`, () => checkBusinessHours(p.business_hours));
    });
    return issues;
  },
  async create(ctx, e) {
    await createSlaPolicyService(ctx.deps).create(ctx.actor, { name: e.name, targets: e.targets, nearBreachRatio: e.near_breach_ratio, businessHours: e.business_hours });
  },
  async update(ctx, id, e) {
    await createSlaPolicyService(ctx.deps).update(ctx.actor, id, { name: e.name, targets: e.targets, nearBreachRatio: e.near_breach_ratio, businessHours: e.business_hours });
  },
  async remove(ctx, id) {
    await createSlaPolicyService(ctx.deps).remove(ctx.actor, id);
  },
};

async function slaPolicyId(ctx: SectionApplyContext, name: string | null): Promise<string | null> {
  if (name === null) return null;
  const [row] = await ctx.deps.database.db.select({ id: slaPolicies.id }).from(slaPolicies).where(and(eq(slaPolicies.organizationId, ctx.actor.organizationId), eq(slaPolicies.name, name)));
  if (!row) throw new PatchbayError('CONFIG_IMPORT_INVALID', { field: 'sla_policy', message: `no SLA policy named ${name}`, hint: 'Add it under sla_policies, or name an existing one.' });
  return row.id;
}

async function ruleInputOf(ctx: SectionApplyContext, e: TicketRuleEntry): Promise<TicketRuleInput> {
  return {
    name: e.name,
    instanceId: ctx.instanceIds.get(e.instance)!,
    isActive: e.is_active,
    sourceInstanceId: e.source_instance === null ? null : ctx.instanceIds.get(e.source_instance)!,
    filterCriteria: e.filter_criteria,
    assetConditions: e.asset_conditions,
    groupBy: e.group_by,
    titleTemplate: e.title_template,
    descriptionTemplate: e.description_template,
    fieldMapping: e.field_mapping,
    priorityMatrix: e.priority_matrix,
    slaPolicyId: await slaPolicyId(ctx, e.sla_policy),
    commentOnChanges: e.comment_on_changes,
  };
}

/** `ticket_rules:` of the configuration document, matched by name. */
export const ticketRulesSection: ConfigSection<TicketRuleEntry> = {
  key: 'ticket_rules',
  kind: 'ticket_rule',
  async read(tx, ctx) {
    const rows = await tx.select().from(ticketRules).where(eq(ticketRules.organizationId, ctx.organizationId));
    const policies = new Map((await tx.select({ id: slaPolicies.id, name: slaPolicies.name }).from(slaPolicies).where(eq(slaPolicies.organizationId, ctx.organizationId))).map((p) => [p.id, p.name]));
    return rows
      .map((r) => ({
        id: r.id,
        entry: {
          name: r.name,
          instance: ctx.instanceName(r.instanceId),
          is_active: r.isActive,
          source_instance: r.sourceInstanceId === null ? null : ctx.instanceName(r.sourceInstanceId),
          filter_criteria: r.filterCriteria,
          asset_conditions: r.assetConditions,
          group_by: r.groupBy,
          title_template: r.titleTemplate,
          description_template: r.descriptionTemplate,
          field_mapping: r.fieldMapping,
          priority_matrix: r.priorityMatrix,
          sla_policy: r.slaPolicyId === null ? null : (policies.get(r.slaPolicyId) ?? null),
          comment_on_changes: r.commentOnChanges,
        },
      }))
      .sort((a, b) => byName(a, b) || (canonicalJson(a.entry) < canonicalJson(b.entry) ? -1 : 1));
  },
  name: (e) => e.name,
  matches: (desired, current) => desired.name === current.name,
  check(entries, ctx) {
    const issues: DocumentIssue[] = [];
    entries.forEach((r, i) => {
      const at = `ticket_rules[${i}]`;
      const connector = ctx.connectorOf.get(r.instance);
      if (!ctx.instanceNames.has(r.instance)) issues.push({ field: `${at}.instance`, message: `no instance named ${r.instance}` });
      else if (connector !== undefined && !ctx.registry.get(connector)?.ticket) issues.push({ field: `${at}.instance`, message: `instance ${r.instance} runs ${connector}, which has no ticket capability` });
      if (r.source_instance !== null && !ctx.instanceNames.has(r.source_instance)) issues.push({ field: `${at}.source_instance`, message: `no instance named ${r.source_instance}` });
      collect(issues, `${at}.filter_criteria`, () => checkCriteria(r.filter_criteria));
      if (r.asset_conditions) collect(issues, `${at}.asset_conditions`, () => checkAssetConditions(r.asset_conditions));
      if (r.title_template) collect(issues, `${at}.title_template`, () => compileTemplate(r.title_template!, 'title_template'));
      if (r.description_template) collect(issues, `${at}.description_template`, () => compileTemplate(r.description_template!, 'description_template'));
      collect(issues, `${at}.field_mapping`, () => compileFieldMapping(r.field_mapping));
      if (r.priority_matrix) collect(issues, `${at}.priority_matrix`, () => checkPriorityMatrix(r.priority_matrix));
    });
    return issues;
  },
  async create(ctx, e) {
    await createTicketRuleService(ctx.deps, ctx.registry).create(ctx.actor, await ruleInputOf(ctx, e));
  },
  async update(ctx, id, e) {
    await createTicketRuleService(ctx.deps, ctx.registry).update(ctx.actor, id, await ruleInputOf(ctx, e));
  },
  async remove(ctx, id) {
    await createTicketRuleService(ctx.deps, ctx.registry).remove(ctx.actor, id);
  },
};
