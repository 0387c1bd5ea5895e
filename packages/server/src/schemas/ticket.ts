import { z } from 'zod';
import { criticalities } from '@patchbay/store';
import { matrixCriticalities, matrixSeverities, type SlaPolicyRow, type TicketFinding, type TicketRow, type TicketRuleRow } from '@patchbay/engine';
import { iso, isoOrNull, toIso } from './common.ts';
import { filterCriteria } from './event.ts';

const priority = z.number().int().min(1).max(5);
const matrix = z.partialRecord(z.enum(matrixSeverities), z.partialRecord(z.enum(matrixCriticalities), priority));

const ruleFields = {
  name: z.string().min(1).max(200),
  is_active: z.boolean().optional(),
  source_instance_id: z.uuid().nullable().optional().describe('Only findings from this instance'),
  filter_criteria: filterCriteria.optional().describe('The event subscriptions filter over record events: class_uids, severity_at_least, instance_ids, tags, predicate'),
  asset_conditions: z
    .object({ criticality_at_least: z.enum(criticalities).optional(), tags_any: z.array(z.string()).min(1).optional(), match: z.enum(['any', 'all']).optional() })
    .strict()
    .nullable()
    .optional()
    .describe("Conditions on the finding's asset (same organisation, matched by device uid or hostname); any of them by default"),
  group_by: z.enum(['finding', 'asset']).optional().describe('finding (default): one ticket per finding; asset: one per asset and rule'),
  title_template: z.string().max(4000).nullable().optional().describe('JSONata over { record, asset, rule, priority }'),
  description_template: z.string().max(4000).nullable().optional(),
  field_mapping: z.record(z.string(), z.unknown()).optional().describe('Vendor field → constant, or "=JSONata" over { record, asset, rule, priority }'),
  priority_matrix: matrix.nullable().optional().describe('severity → asset criticality (or none) → priority 1-5; missing cells use the default matrix'),
  sla_policy_id: z.uuid().nullable().optional(),
  comment_on_changes: z.boolean().optional().describe('Comment on the ticket when findings join, resolve or reopen (default true)'),
};

export const createTicketRuleBody = z.object({ ...ruleFields, instance_id: z.uuid().describe('The ITSM instance (a connector with the ticket capability)') }).strict();
export const updateTicketRuleBody = z.object({ ...ruleFields, instance_id: z.uuid() }).partial().strict();

export const ticketRuleJson = z.object({
  id: z.uuid(),
  name: z.string(),
  is_active: z.boolean(),
  instance_id: z.uuid(),
  source_instance_id: z.uuid().nullable(),
  filter_criteria: z.record(z.string(), z.unknown()),
  asset_conditions: z.record(z.string(), z.unknown()).nullable(),
  group_by: z.enum(['finding', 'asset']),
  title_template: z.string().nullable(),
  description_template: z.string().nullable(),
  field_mapping: z.record(z.string(), z.unknown()),
  priority_matrix: z.record(z.string(), z.record(z.string(), z.number())).nullable(),
  sla_policy_id: z.uuid().nullable(),
  comment_on_changes: z.boolean(),
  created_at: iso,
  updated_at: iso,
});

export const toTicketRuleJson = (r: TicketRuleRow): z.infer<typeof ticketRuleJson> => ({
  id: r.id,
  name: r.name,
  is_active: r.isActive,
  instance_id: r.instanceId,
  source_instance_id: r.sourceInstanceId,
  filter_criteria: r.filterCriteria,
  asset_conditions: r.assetConditions,
  group_by: r.groupBy,
  title_template: r.titleTemplate,
  description_template: r.descriptionTemplate,
  field_mapping: r.fieldMapping,
  priority_matrix: r.priorityMatrix,
  sla_policy_id: r.slaPolicyId,
  comment_on_changes: r.commentOnChanges,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

export const ruleInputOf = (body: z.infer<typeof updateTicketRuleBody>) => ({
  name: body.name,
  instanceId: body.instance_id,
  isActive: body.is_active,
  sourceInstanceId: body.source_instance_id,
  filterCriteria: body.filter_criteria,
  assetConditions: body.asset_conditions,
  groupBy: body.group_by,
  titleTemplate: body.title_template,
  descriptionTemplate: body.description_template,
  fieldMapping: body.field_mapping,
  priorityMatrix: body.priority_matrix,
  slaPolicyId: body.sla_policy_id,
  commentOnChanges: body.comment_on_changes,
});

const businessHours = z
  .object({ timezone: z.string().describe('IANA zone, e.g. Europe/Paris'), days: z.array(z.number().int().min(1).max(7)).min(1).describe('ISO weekdays, 1 Monday .. 7 Sunday'), start: z.string().describe('HH:MM'), end: z.string().describe('HH:MM') })
  .strict();
const slaFields = {
  name: z.string().min(1).max(200),
  targets: z.record(z.string(), z.number().int()).describe('Minutes to resolution by priority: { "1": 240, "2": 1440 }'),
  near_breach_ratio: z.number().gt(0).lt(1).optional().describe('Fraction of the target after which ticket.sla_near_breach fires (default 0.75)'),
  business_hours: businessHours.nullable().optional().describe('Count only these hours (optional)'),
};
export const createSlaPolicyBody = z.object(slaFields).strict();
export const updateSlaPolicyBody = z.object(slaFields).partial().strict();
export const slaPolicyJson = z.object({ id: z.uuid(), name: z.string(), targets: z.record(z.string(), z.number()), near_breach_ratio: z.number(), business_hours: businessHours.nullable(), created_at: iso, updated_at: iso });
export const toSlaPolicyJson = (r: SlaPolicyRow): z.infer<typeof slaPolicyJson> => ({
  id: r.id,
  name: r.name,
  targets: r.targets,
  near_breach_ratio: r.nearBreachRatio,
  business_hours: r.businessHours ? { ...r.businessHours, days: [...r.businessHours.days] } : null,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});
export const slaInputOf = (body: z.infer<typeof updateSlaPolicyBody>) => ({ name: body.name, targets: body.targets, nearBreachRatio: body.near_breach_ratio, businessHours: body.business_hours });

const ticketStatus = z.enum(['pending', 'open', 'in_progress', 'on_hold', 'resolved', 'closed', 'failed']);
const slaState = z.enum(['none', 'running', 'near_breach', 'breached', 'met', 'missed']);
export const ticketQuery = { status: ticketStatus.optional(), sla_state: slaState.optional(), instance_id: z.uuid().optional(), rule_id: z.uuid().optional() };

export const ticketJson = z.object({
  id: z.uuid(),
  rule_id: z.uuid().nullable(),
  instance_id: z.uuid(),
  title: z.string(),
  priority,
  status: ticketStatus.describe('pending until the ITSM has it; failed when its creation was given up'),
  vendor_key: z.string().nullable(),
  vendor_url: z.string().nullable(),
  vendor_status: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()).describe('Mapped vendor fields as sent'),
  sla: z.object({ state: slaState, policy_id: z.uuid().nullable(), due_at: isoOrNull, near_breach_at: isoOrNull, stopped_at: isoOrNull }),
  opened_at: iso,
  resolved_at: isoOrNull,
  last_error: z.object({ code: z.string(), message: z.string() }).passthrough().nullable(),
  created_at: iso,
  updated_at: iso,
});
export const ticketFindingJson = z.object({ record_id: z.uuid(), stream: z.string(), external_id: z.string(), class_uid: z.number().int(), severity_id: z.number().int().nullable(), title: z.string().nullable(), linked_at: iso, resolved_at: isoOrNull.describe('When the finding was resolved at its source'), ticket_resolved_at: isoOrNull.describe('When the ticket was done at the ITSM while the finding was linked') });
export const ticketDetailJson = ticketJson.extend({ findings: z.array(ticketFindingJson) });

export const toTicketJson = (t: TicketRow): z.infer<typeof ticketJson> => ({
  id: t.id,
  rule_id: t.ruleId,
  instance_id: t.instanceId,
  title: t.title,
  priority: t.priority,
  status: t.status as z.infer<typeof ticketStatus>,
  vendor_key: t.vendorKey,
  vendor_url: t.vendorUrl,
  vendor_status: t.vendorStatus,
  fields: t.fields,
  sla: { state: t.slaState as z.infer<typeof slaState>, policy_id: t.slaPolicyId, due_at: toIso(t.dueAt), near_breach_at: toIso(t.nearBreachAt), stopped_at: toIso(t.slaStoppedAt) },
  opened_at: t.openedAt.toISOString(),
  resolved_at: toIso(t.resolvedAt),
  last_error: t.lastError as { code: string; message: string } | null,
  created_at: t.createdAt.toISOString(),
  updated_at: t.updatedAt.toISOString(),
});
export const toTicketFindingJson = (x: TicketFinding): z.infer<typeof ticketFindingJson> => ({ record_id: x.recordId, stream: x.stream, external_id: x.externalId, class_uid: x.classUid, severity_id: x.severityId, title: x.title, linked_at: x.linkedAt.toISOString(), resolved_at: toIso(x.resolvedAt), ticket_resolved_at: toIso(x.ticketResolvedAt) });
