import { and, asc, eq, gt } from 'drizzle-orm';
import { slaPolicies, type BusinessHours, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import { isUniqueViolation } from '../lib/db-errors.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import { checkBusinessHours } from './sla-clock.ts';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;

export interface SlaPolicyInput {
  readonly name: string;
  /** Minutes to resolution by priority, `{ "1": 240, "2": 1440 }`. */
  readonly targets: Record<string, number>;
  readonly nearBreachRatio?: number;
  readonly businessHours?: BusinessHours | null;
}

export function checkTargets(raw: unknown): Record<string, number> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || Object.keys(raw).length === 0) throw new PatchbayError('VALIDATION_FAILED', { field: 'targets', message: 'must map priorities 1-5 to minutes, like { "1": 240, "2": 1440 }' });
  for (const [priority, minutes] of Object.entries(raw)) {
    if (!['1', '2', '3', '4', '5'].includes(priority)) throw new PatchbayError('VALIDATION_FAILED', { field: `targets.${priority}`, message: 'Priorities are 1 (most urgent) to 5' });
    if (!Number.isInteger(minutes) || (minutes as number) < 1 || (minutes as number) > 525_600) throw new PatchbayError('VALIDATION_FAILED', { field: `targets.${priority}`, message: 'must be whole minutes from 1 to 525600 (a year)' });
  }
  return raw as Record<string, number>;
}

function checkRatio(ratio: number | undefined): void {
  if (ratio !== undefined && !(typeof ratio === 'number' && ratio > 0 && ratio < 1)) throw new PatchbayError('VALIDATION_FAILED', { field: 'near_breach_ratio', message: 'must be a fraction between 0 and 1 (0.75 warns after three quarters of the time)' });
}

const snapshot = (r: SlaPolicyRow) => ({ name: r.name, targets: r.targets, nearBreachRatio: r.nearBreachRatio, businessHours: r.businessHours });

/** SLA policy CRUD (audited). A policy in use by rules can be changed; running tickets keep their due dates. */
export function createSlaPolicyService(deps: EngineDeps) {
  const { db } = deps.database;

  async function load(tx: Db, actor: Actor, id: string): Promise<SlaPolicyRow> {
    const [row] = await tx.select().from(slaPolicies).where(and(eq(slaPolicies.id, id), eq(slaPolicies.organizationId, actor.organizationId)));
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No SLA policy ${id}` });
    return row;
  }

  const named = (name: string) => (error: unknown) => {
    if (isUniqueViolation(error)) throw new PatchbayError('ALREADY_EXISTS', { field: 'name', message: `An SLA policy named ${JSON.stringify(name)} already exists` });
    throw error;
  };

  return {
    async create(actor: Actor, input: SlaPolicyInput): Promise<SlaPolicyRow> {
      const targets = checkTargets(input.targets);
      checkRatio(input.nearBreachRatio);
      const businessHours = input.businessHours ? checkBusinessHours(input.businessHours) : null;
      return db
        .transaction(async (tx) => {
          const now = deps.clock.now();
          const [row] = await tx.insert(slaPolicies).values({ organizationId: actor.organizationId, name: input.name, targets, nearBreachRatio: input.nearBreachRatio ?? 0.75, businessHours, createdAt: now, updatedAt: now }).returning();
          await appendAudit(tx, deps.clock, actor, { action: 'sla_policy.created', targetType: 'sla_policy', targetId: row!.id, after: snapshot(row!) });
          return row!;
        })
        .catch(named(input.name));
    },

    async list(actor: Actor, page: PageRequest = {}): Promise<Page<SlaPolicyRow>> {
      const limit = clampLimit(page.limit);
      const where = [eq(slaPolicies.organizationId, actor.organizationId)];
      if (page.cursor) where.push(gt(slaPolicies.name, String(decodeCursor(page.cursor, 1)[0])));
      const rows = await db.select().from(slaPolicies).where(and(...where)).orderBy(asc(slaPolicies.name)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.name]);
    },

    get: (actor: Actor, id: string) => load(db, actor, id),

    async update(actor: Actor, id: string, patch: Partial<SlaPolicyInput>): Promise<SlaPolicyRow> {
      const targets = patch.targets === undefined ? undefined : checkTargets(patch.targets);
      checkRatio(patch.nearBreachRatio);
      const businessHours = patch.businessHours === undefined ? undefined : patch.businessHours === null ? null : checkBusinessHours(patch.businessHours);
      return db
        .transaction(async (tx) => {
          const before = await load(tx, actor, id);
          const [after] = await tx.update(slaPolicies).set({ name: patch.name, targets, nearBreachRatio: patch.nearBreachRatio, businessHours, updatedAt: deps.clock.now() }).where(eq(slaPolicies.id, id)).returning();
          await appendAudit(tx, deps.clock, actor, { action: 'sla_policy.updated', targetType: 'sla_policy', targetId: id, before: snapshot(before), after: snapshot(after!) });
          return after!;
        })
        .catch(named(patch.name ?? ''));
    },

    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await load(tx, actor, id);
        await tx.delete(slaPolicies).where(eq(slaPolicies.id, id));
        await appendAudit(tx, deps.clock, actor, { action: 'sla_policy.deleted', targetType: 'sla_policy', targetId: id, before: snapshot(before) });
      });
    },
  };
}

export type SlaPolicyService = ReturnType<typeof createSlaPolicyService>;
