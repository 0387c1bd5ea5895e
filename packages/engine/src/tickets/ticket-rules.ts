import { and, asc, eq, gt } from 'drizzle-orm';
import { criticalities, integrationInstances, slaPolicies, ticketRules, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import { isUniqueViolation } from '../lib/db-errors.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { checkCriteria } from '../subscriptions/filter.ts';
import { checkPriorityMatrix, type PriorityMatrix } from './priority.ts';
import { compileFieldMapping, compileTemplate } from './templates.ts';

export type TicketRuleRow = typeof ticketRules.$inferSelect;

/** Conditions on the finding's asset; `match: 'any'` (default) needs one of them, `all` every one. */
export interface AssetConditions {
  readonly criticality_at_least?: (typeof criticalities)[number];
  readonly tags_any?: readonly string[];
  readonly match?: 'any' | 'all';
}

export interface TicketRuleInput {
  readonly name: string;
  readonly instanceId: string;
  readonly isActive?: boolean;
  readonly sourceInstanceId?: string | null;
  readonly filterCriteria?: Record<string, unknown>;
  readonly assetConditions?: AssetConditions | null;
  readonly groupBy?: 'finding' | 'asset';
  readonly titleTemplate?: string | null;
  readonly descriptionTemplate?: string | null;
  readonly fieldMapping?: Record<string, unknown>;
  readonly priorityMatrix?: PriorityMatrix | null;
  readonly slaPolicyId?: string | null;
  readonly commentOnChanges?: boolean;
}

export function checkAssetConditions(raw: unknown): AssetConditions {
  const bad = (field: string, message: string) => new PatchbayError('VALIDATION_FAILED', { field: `asset_conditions${field}`, message });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('', 'must be { criticality_at_least?, tags_any?, match? }');
  const c = raw as Record<string, unknown>;
  for (const key of Object.keys(c)) if (!['criticality_at_least', 'tags_any', 'match'].includes(key)) throw bad(`.${key}`, `Unknown condition ${key}; use criticality_at_least, tags_any, match`);
  if (c.criticality_at_least !== undefined && !(criticalities as readonly unknown[]).includes(c.criticality_at_least)) throw bad('.criticality_at_least', `must be one of ${criticalities.join(', ')}`);
  if (c.tags_any !== undefined && !(Array.isArray(c.tags_any) && c.tags_any.length > 0 && c.tags_any.every((t) => typeof t === 'string'))) throw bad('.tags_any', 'must be a non-empty list of tags');
  if (c.match !== undefined && c.match !== 'any' && c.match !== 'all') throw bad('.match', 'must be "any" or "all"');
  if (c.criticality_at_least === undefined && c.tags_any === undefined) throw bad('', 'needs criticality_at_least or tags_any (or leave asset_conditions out)');
  return c as AssetConditions;
}

/** Validates every part of a rule that does not need the database. */
function checkRuleShape(input: Partial<TicketRuleInput>) {
  const filterCriteria = input.filterCriteria === undefined ? undefined : (checkCriteria(input.filterCriteria) as Record<string, unknown>);
  const assetConditions = input.assetConditions === undefined || input.assetConditions === null ? input.assetConditions : (checkAssetConditions(input.assetConditions) as Record<string, unknown>);
  if (input.groupBy !== undefined && input.groupBy !== 'finding' && input.groupBy !== 'asset') throw new PatchbayError('VALIDATION_FAILED', { field: 'group_by', message: 'must be "finding" (a ticket per finding) or "asset" (a ticket per asset and rule)' });
  if (input.titleTemplate) compileTemplate(input.titleTemplate, 'title_template');
  if (input.descriptionTemplate) compileTemplate(input.descriptionTemplate, 'description_template');
  if (input.fieldMapping !== undefined) compileFieldMapping(input.fieldMapping);
  const priorityMatrix = input.priorityMatrix === undefined || input.priorityMatrix === null ? input.priorityMatrix : checkPriorityMatrix(input.priorityMatrix);
  return { filterCriteria, assetConditions, priorityMatrix };
}

const snapshot = (r: TicketRuleRow) => {
  const { name, isActive, instanceId, sourceInstanceId, filterCriteria, assetConditions, groupBy, titleTemplate, descriptionTemplate, fieldMapping, priorityMatrix, slaPolicyId, commentOnChanges } = r;
  return { name, isActive, instanceId, sourceInstanceId, filterCriteria, assetConditions, groupBy, titleTemplate, descriptionTemplate, fieldMapping, priorityMatrix, slaPolicyId, commentOnChanges };
};

/** Ticket rule CRUD (audited): the bound instance must be able to open tickets; expressions must compile. */
export function createTicketRuleService(deps: EngineDeps, registry: ConnectorRegistry, onChange: () => void = () => undefined) {
  const { db } = deps.database;

  async function load(tx: Db, actor: Actor, id: string): Promise<TicketRuleRow> {
    const [row] = await tx.select().from(ticketRules).where(and(eq(ticketRules.id, id), eq(ticketRules.organizationId, actor.organizationId)));
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No ticket rule ${id}` });
    return row;
  }

  async function checkRefs(tx: Db, actor: Actor, input: Partial<TicketRuleInput>): Promise<void> {
    if (input.instanceId !== undefined) {
      const [instance] = await tx.select({ connectorId: integrationInstances.connectorId }).from(integrationInstances).where(and(eq(integrationInstances.id, input.instanceId), eq(integrationInstances.organizationId, actor.organizationId)));
      if (!instance) throw new PatchbayError('NOT_FOUND', { field: 'instance_id', message: `No instance ${input.instanceId}` });
      if (!registry.get(instance.connectorId)?.ticket) throw new PatchbayError('TICKETING_UNSUPPORTED', { field: 'instance_id', message: `Connector ${instance.connectorId} has no ticket capability` });
    }
    if (input.sourceInstanceId) {
      const [source] = await tx.select({ id: integrationInstances.id }).from(integrationInstances).where(and(eq(integrationInstances.id, input.sourceInstanceId), eq(integrationInstances.organizationId, actor.organizationId)));
      if (!source) throw new PatchbayError('NOT_FOUND', { field: 'source_instance_id', message: `No instance ${input.sourceInstanceId}` });
    }
    if (input.slaPolicyId) {
      const [policy] = await tx.select({ id: slaPolicies.id }).from(slaPolicies).where(and(eq(slaPolicies.id, input.slaPolicyId), eq(slaPolicies.organizationId, actor.organizationId)));
      if (!policy) throw new PatchbayError('NOT_FOUND', { field: 'sla_policy_id', message: `No SLA policy ${input.slaPolicyId}` });
    }
  }

  const named = (name: string | undefined) => (error: unknown) => {
    if (isUniqueViolation(error)) throw new PatchbayError('ALREADY_EXISTS', { field: 'name', message: `A ticket rule named ${JSON.stringify(name)} already exists` });
    throw error;
  };

  return {
    async create(actor: Actor, input: TicketRuleInput): Promise<TicketRuleRow> {
      const shape = checkRuleShape(input);
      const row = await db
        .transaction(async (tx) => {
          await checkRefs(tx, actor, input);
          const now = deps.clock.now();
          const [created] = await tx
            .insert(ticketRules)
            .values({
              organizationId: actor.organizationId,
              name: input.name,
              isActive: input.isActive ?? true,
              instanceId: input.instanceId,
              sourceInstanceId: input.sourceInstanceId ?? null,
              filterCriteria: shape.filterCriteria ?? {},
              assetConditions: shape.assetConditions ?? null,
              groupBy: input.groupBy ?? 'finding',
              titleTemplate: input.titleTemplate ?? null,
              descriptionTemplate: input.descriptionTemplate ?? null,
              fieldMapping: input.fieldMapping ?? {},
              priorityMatrix: (shape.priorityMatrix as Record<string, Record<string, number>> | null | undefined) ?? null,
              slaPolicyId: input.slaPolicyId ?? null,
              commentOnChanges: input.commentOnChanges ?? true,
              createdAt: now,
              updatedAt: now,
            })
            .returning();
          await appendAudit(tx, deps.clock, actor, { action: 'ticket_rule.created', targetType: 'ticket_rule', targetId: created!.id, after: snapshot(created!) });
          return created!;
        })
        .catch(named(input.name));
      onChange();
      return row;
    },

    async list(actor: Actor, page: PageRequest & { instanceId?: string } = {}): Promise<Page<TicketRuleRow>> {
      const limit = clampLimit(page.limit);
      const where = [eq(ticketRules.organizationId, actor.organizationId)];
      if (page.instanceId) where.push(eq(ticketRules.instanceId, page.instanceId));
      if (page.cursor) where.push(gt(ticketRules.name, String(decodeCursor(page.cursor, 1)[0])));
      const rows = await db.select().from(ticketRules).where(and(...where)).orderBy(asc(ticketRules.name)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.name]);
    },

    get: (actor: Actor, id: string) => load(db, actor, id),

    async update(actor: Actor, id: string, patch: Partial<TicketRuleInput>): Promise<TicketRuleRow> {
      const shape = checkRuleShape(patch);
      const row = await db
        .transaction(async (tx) => {
          const before = await load(tx, actor, id);
          await checkRefs(tx, actor, patch);
          const [after] = await tx
            .update(ticketRules)
            .set({
              name: patch.name,
              isActive: patch.isActive,
              instanceId: patch.instanceId,
              sourceInstanceId: patch.sourceInstanceId,
              filterCriteria: shape.filterCriteria,
              assetConditions: shape.assetConditions as Record<string, unknown> | null | undefined,
              groupBy: patch.groupBy,
              titleTemplate: patch.titleTemplate,
              descriptionTemplate: patch.descriptionTemplate,
              fieldMapping: patch.fieldMapping,
              priorityMatrix: shape.priorityMatrix as Record<string, Record<string, number>> | null | undefined,
              slaPolicyId: patch.slaPolicyId,
              commentOnChanges: patch.commentOnChanges,
              updatedAt: deps.clock.now(),
            })
            .where(eq(ticketRules.id, id))
            .returning();
          const changed = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
          await appendAudit(tx, deps.clock, actor, { action: 'ticket_rule.updated', targetType: 'ticket_rule', targetId: id, before: snapshot(before), after: snapshot(after!), details: { changed } });
          return after!;
        })
        .catch(named(patch.name));
      onChange();
      return row;
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await load(tx, actor, id);
        await tx.delete(ticketRules).where(eq(ticketRules.id, id));
        await appendAudit(tx, deps.clock, actor, { action: 'ticket_rule.deleted', targetType: 'ticket_rule', targetId: id, before: snapshot(before) });
      });
      onChange();
    },
  };
}

export type TicketRuleService = ReturnType<typeof createTicketRuleService>;
