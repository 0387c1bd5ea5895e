import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { doneTicketStatuses, ticketStatusOf, type TicketStatus } from '@patchbay/sdk';
import { integrationInstances, outbox, outboxCursors, slaPolicies, ticketFindings, ticketOperations, ticketRules, tickets, type Db } from '@patchbay/store';
import { createGapGuard } from '../destinations/gap-guard.ts';
import type { OutboxRow } from '../events/envelope.ts';
import { emitEvents, envelopeOf, type NewEvent } from '../events/envelope.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { logOperation, type LogEntry } from '../logs/log-operation.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { compileFilter, type CompiledFilter } from '../subscriptions/filter.ts';
import { assetOf, assetMatches, type FindingAsset } from './finding-asset.ts';
import { priorityOf, type PriorityMatrix } from './priority.ts';
import { addSlaMinutes } from './sla-clock.ts';
import { compileFieldMapping, compileTemplate, defaultDescription, defaultTitle, renderFields, renderText, type TemplateInput } from './templates.ts';
import type { AssetConditions, TicketRuleRow } from './ticket-rules.ts';

export const TICKET_CONSUMER = 'ticket-engine';
export type TicketRow = typeof tickets.$inferSelect;

/** OCSF finding status_id values that mean the finding is no longer open at its source. */
const INACTIVE_FINDING = new Set([3, 4, 5, 6]);
const isDone = (status: string) => (doneTicketStatuses as readonly string[]).includes(status);

export interface TicketEngineOptions {
  readonly batchSize?: number;
  /** How long a hole in the outbox sequence is waited for (real time). */
  readonly gapGraceMs?: number;
}

interface CompiledRule {
  readonly row: TicketRuleRow;
  readonly filter: CompiledFilter;
}

/** A finding is open at its source unless its OCSF status says resolved, suppressed, archived or deleted. */
function findingIsActive(type: string, record: Record<string, unknown> | undefined): boolean {
  if (type === 'record.deleted') return false;
  return !INACTIVE_FINDING.has(Number(record?.status_id));
}

/** What reopening a done ticket changes: the status, and its SLA clock runs again towards the original due date. */
function reopened(ticket: Pick<TicketRow, 'dueAt'>, now: Date): Partial<TicketRow> {
  return { status: 'open', resolvedAt: null, updatedAt: now, ...(ticket.dueAt ? { slaState: 'running', slaStoppedAt: null } : {}) };
}

function dedupKeyOf(organizationId: string, ruleId: string, groupKey: string): string {
  return 'pb-' + createHash('sha256').update(`${organizationId}:${ruleId}:${groupKey}`).digest('hex').slice(0, 24);
}

/**
 * The ticket engine's outbox consumer: with its own cursor, in seq order, it (1) opens tickets for the
 * findings ticket rules select (deduplicated per finding, or per asset and rule), (2) follows the findings
 * linked to tickets (all resolved at the source → resolve the ticket; one reopens → reopen it), and
 * (3) applies vendor status changes that arrive as records of a ticket connector's ticket stream (polled
 * or pushed by webhook). Vendor calls are queued as ticket operations in the same transaction that
 * advances the cursor, so a crash replays the batch and the dedup keys keep one ticket per group.
 */
export function createTicketEngine(deps: EngineDeps, registry: ConnectorRegistry, options: TicketEngineOptions = {}) {
  const { db } = deps.database;
  const batchSize = options.batchSize ?? 200;
  const contiguous = createGapGuard(options.gapGraceMs ?? 2000);

  /** The first start begins at the end of the outbox: rules apply to findings that arrive from now on. */
  async function ensureCursor(): Promise<void> {
    await db.execute(sql`insert into outbox_cursors (consumer, last_seq, updated_at) select ${TICKET_CONSUMER}, coalesce(max(seq), 0), ${deps.clock.now().toISOString()}::timestamptz from outbox on conflict do nothing`);
  }

  async function rulesOf(tx: Db, orgs: string[]): Promise<CompiledRule[]> {
    if (orgs.length === 0) return [];
    const rows = await tx.select().from(ticketRules).where(and(inArray(ticketRules.organizationId, orgs), eq(ticketRules.isActive, true)));
    const out: CompiledRule[] = [];
    for (const row of rows) {
      try {
        out.push({ row, filter: compileFilter('record.*', row.sourceInstanceId, row.filterCriteria) });
      } catch (error) {
        deps.log.warn({ ruleId: row.id, err: error }, 'ticket rule filter no longer compiles; skipped');
      }
    }
    return out;
  }

  /** Instance id → the ticket stream of its connector, for instances whose connector declares `ticket`. */
  async function ticketStreams(tx: Db, instanceIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (instanceIds.length === 0) return out;
    const rows = await tx.select({ id: integrationInstances.id, connectorId: integrationInstances.connectorId }).from(integrationInstances).where(inArray(integrationInstances.id, instanceIds));
    for (const r of rows) {
      const stream = registry.get(r.connectorId)?.ticket?.stream;
      if (stream) out.set(r.id, stream);
    }
    return out;
  }

  function slaWindow(openedAt: Date, priority: number, policy: typeof slaPolicies.$inferSelect | undefined) {
    const minutes = policy?.targets[String(priority)];
    if (!policy || !minutes) return { slaState: 'none', dueAt: null, nearBreachAt: null, slaPolicyId: policy?.id ?? null };
    return {
      slaState: 'running',
      dueAt: addSlaMinutes(openedAt, minutes, policy.businessHours),
      nearBreachAt: addSlaMinutes(openedAt, Math.max(1, Math.floor(minutes * policy.nearBreachRatio)), policy.businessHours),
      slaPolicyId: policy.id,
    };
  }

  async function queue(tx: Db, ticket: Pick<TicketRow, 'id' | 'organizationId'>, kind: 'create' | 'update', change: Record<string, unknown>): Promise<void> {
    await tx.insert(ticketOperations).values({ ticketId: ticket.id, organizationId: ticket.organizationId, kind, change, nextAttemptAt: deps.clock.now(), createdAt: deps.clock.now() });
  }

  /** (1) A finding a rule selects: open its group's ticket, or link the finding to it (reopening it if done). */
  async function applyRule(tx: Db, rule: TicketRuleRow, row: OutboxRow, record: Record<string, unknown>, asset: FindingAsset | null, events: NewEvent[]): Promise<void> {
    const recordId = String(row.data.record_id);
    const groupKey = rule.groupBy === 'asset' && asset ? `asset:${asset.key}` : `finding:${recordId}`;
    const dedupKey = dedupKeyOf(rule.organizationId, rule.id, groupKey);
    const priority = priorityOf(Number(row.data.severity_id ?? record.severity_id), asset?.criticality, rule.priorityMatrix as PriorityMatrix | null);
    const input: TemplateInput = { record, asset: asset ? { name: asset.name, uid: asset.uid, criticality: asset.criticality, tags: asset.tags } : null, rule: { id: rule.id, name: rule.name }, priority };
    const now = deps.clock.now();
    const [existing] = await tx.select().from(tickets).where(and(eq(tickets.organizationId, rule.organizationId), eq(tickets.dedupKey, dedupKey))).for('update');
    if (!existing) {
      const title = (await renderText(rule.titleTemplate ? compileTemplate(rule.titleTemplate, 'title_template') : defaultTitle, input)) || `Finding ${recordId}`;
      const description = await renderText(rule.descriptionTemplate ? compileTemplate(rule.descriptionTemplate, 'description_template') : defaultDescription, input);
      const fields = await renderFields(compileFieldMapping(rule.fieldMapping), input);
      const [policy] = rule.slaPolicyId ? await tx.select().from(slaPolicies).where(eq(slaPolicies.id, rule.slaPolicyId)) : [];
      const [ticket] = await tx
        .insert(tickets)
        .values({ organizationId: rule.organizationId, ruleId: rule.id, instanceId: rule.instanceId, dedupKey, groupKey, title: title.slice(0, 250), priority, status: 'pending', fields, openedAt: now, ...slaWindow(now, priority, policy), createdAt: now, updatedAt: now })
        .returning();
      await tx.insert(ticketFindings).values({ ticketId: ticket!.id, recordId, organizationId: rule.organizationId, linkedAt: now });
      await queue(tx, ticket!, 'create', { dedupKey, title: ticket!.title, description, priority, fields, labels: ['patchbay', dedupKey] });
      events.push({ organizationId: rule.organizationId, instanceId: rule.instanceId, type: 'ticket.opened', occurredAt: now, data: { ticket_id: ticket!.id, rule_id: rule.id, instance_id: rule.instanceId, priority, title: ticket!.title, record_id: recordId, due_at: ticket!.dueAt?.toISOString() ?? null } });
      return;
    }
    const linked = await tx.insert(ticketFindings).values({ ticketId: existing.id, recordId, organizationId: rule.organizationId, linkedAt: now }).onConflictDoNothing().returning();
    const reopened = await tx.update(ticketFindings).set({ resolvedAt: null }).where(and(eq(ticketFindings.ticketId, existing.id), eq(ticketFindings.recordId, recordId), sql`${ticketFindings.resolvedAt} is not null`)).returning();
    if (linked.length === 0 && reopened.length === 0) return;
    const title = String(record.finding_info && (record.finding_info as Record<string, unknown>).title ? (record.finding_info as Record<string, unknown>).title : recordId);
    const change: Record<string, unknown> = { dedupKey: existing.dedupKey };
    if (rule.commentOnChanges) change.comment = linked.length ? `Patchbay linked another finding to this ${'ticket'}: ${title}` : `Patchbay: the finding "${title}" is open again at its source.`;
    if (isDone(existing.status) && existing.status !== 'pending') {
      change.status = 'open'; // the vendor's answer reopens it here (applyVendorStatus)
    }
    if (priority < existing.priority) {
      change.priority = priority;
      await tx.update(tickets).set({ priority, updatedAt: now }).where(eq(tickets.id, existing.id));
    }
    if (change.comment !== undefined || change.status !== undefined || change.priority !== undefined) await queue(tx, existing, 'update', change);
  }

  /** (2) A linked finding changed at its source: resolve the ticket when all its findings are resolved; reopen it when one comes back. */
  async function followFinding(tx: Db, row: OutboxRow, record: Record<string, unknown> | undefined): Promise<void> {
    const recordId = String(row.data.record_id);
    const links = await tx.select().from(ticketFindings).where(eq(ticketFindings.recordId, recordId));
    if (links.length === 0) return;
    const active = findingIsActive(row.type, record);
    const now = deps.clock.now();
    for (const link of links) {
      if (active === (link.resolvedAt === null)) continue;
      await tx.update(ticketFindings).set({ resolvedAt: active ? null : now }).where(and(eq(ticketFindings.ticketId, link.ticketId), eq(ticketFindings.recordId, recordId)));
      const [ticket] = await tx.select().from(tickets).where(eq(tickets.id, link.ticketId)).for('update');
      if (!ticket || ticket.status === 'failed') continue;
      const [rule] = ticket.ruleId ? await tx.select({ comment: ticketRules.commentOnChanges }).from(ticketRules).where(eq(ticketRules.id, ticket.ruleId)) : [];
      const comment = rule?.comment ?? true;
      if (!active) {
        const [open] = await tx.select({ n: sql<number>`count(*)::int` }).from(ticketFindings).where(and(eq(ticketFindings.ticketId, ticket.id), isNull(ticketFindings.resolvedAt)));
        if ((open?.n ?? 0) > 0 || isDone(ticket.status)) continue;
        await queue(tx, ticket, 'update', { dedupKey: ticket.dedupKey, status: 'resolved', ...(comment ? { comment: 'Patchbay: every finding of this ticket is resolved at its source.' } : {}) });
      } else if (isDone(ticket.status)) {
        await queue(tx, ticket, 'update', { dedupKey: ticket.dedupKey, status: 'open', ...(comment ? { comment: 'Patchbay: a finding of this ticket is open again at its source.' } : {}) });
      }
    }
  }

  /** (3) A record of a ticket stream: the vendor's view of one of our tickets. */
  async function followVendor(tx: Db, row: OutboxRow, events: NewEvent[], logs: LogEntry[]): Promise<void> {
    const instanceId = row.instanceId!;
    const [ticket] = await tx.select().from(tickets).where(and(eq(tickets.instanceId, instanceId), eq(tickets.vendorKey, String(row.data.external_id)))).for('update');
    if (!ticket) return;
    const [instance] = await tx.select({ connectorId: integrationInstances.connectorId }).from(integrationInstances).where(eq(integrationInstances.id, instanceId));
    const declaration = registry.get(instance!.connectorId)?.ticket;
    const record = row.data.record as Record<string, unknown> | undefined;
    if (!declaration || !record || row.type === 'record.deleted') return;
    const vendorStatus = declaration.statusOf(record);
    if (vendorStatus === null) return;
    const { status, known } = ticketStatusOf(declaration.statuses, vendorStatus);
    if (!known) logs.push({ organizationId: ticket.organizationId, instanceId, level: 'warning', operation: 'ticket.status', message: `Vendor status "${vendorStatus}" of ${ticket.vendorKey} is not in the status table; counted as open`, details: { ticket_id: ticket.id }, occurredAt: deps.clock.now() });
    await applyVendorStatus(tx, ticket, vendorStatus, status, events, logs);
  }

  async function applyVendorStatus(tx: Db, ticket: TicketRow, vendorStatus: string, status: TicketStatus, events: NewEvent[], logs: LogEntry[]): Promise<void> {
    if (ticket.vendorStatus === vendorStatus && ticket.status === status) return;
    const now = deps.clock.now();
    const wasDone = isDone(ticket.status);
    const done = isDone(status);
    const patch: Partial<TicketRow> = { vendorStatus, status, updatedAt: now };
    if (done && !wasDone) {
      patch.resolvedAt = now;
      if (ticket.slaState === 'running' || ticket.slaState === 'near_breach') patch.slaState = 'met';
      if (ticket.slaState === 'breached') patch.slaState = 'missed';
      patch.slaStoppedAt = now;
      await tx.update(ticketFindings).set({ ticketResolvedAt: now }).where(eq(ticketFindings.ticketId, ticket.id));
      const [open] = await tx.select({ n: sql<number>`count(*)::int` }).from(ticketFindings).where(and(eq(ticketFindings.ticketId, ticket.id), isNull(ticketFindings.resolvedAt)));
      if ((open?.n ?? 0) > 0) logs.push({ organizationId: ticket.organizationId, instanceId: ticket.instanceId, level: 'warning', operation: 'ticket.conflict', message: `${ticket.vendorKey} was set to "${vendorStatus}" at the vendor while ${open!.n} of its findings are still open at their source; the vendor owns the status, so Patchbay follows it`, details: { ticket_id: ticket.id, field: 'status' }, occurredAt: now });
    } else if (!done && wasDone) {
      Object.assign(patch, reopened(ticket, now), { status });
      await tx.update(ticketFindings).set({ ticketResolvedAt: null }).where(eq(ticketFindings.ticketId, ticket.id));
      const [open] = await tx.select({ n: sql<number>`count(*)::int` }).from(ticketFindings).where(and(eq(ticketFindings.ticketId, ticket.id), isNull(ticketFindings.resolvedAt)));
      if ((open?.n ?? 0) === 0) logs.push({ organizationId: ticket.organizationId, instanceId: ticket.instanceId, level: 'warning', operation: 'ticket.conflict', message: `${ticket.vendorKey} was reopened at the vendor ("${vendorStatus}") although all its findings are resolved at their source; the vendor owns the status, so Patchbay follows it`, details: { ticket_id: ticket.id, field: 'status' }, occurredAt: now });
    }
    await tx.update(tickets).set(patch).where(eq(tickets.id, ticket.id));
    if (status !== ticket.status) {
      events.push({ organizationId: ticket.organizationId, instanceId: ticket.instanceId, type: 'ticket.status_changed', occurredAt: now, data: { ticket_id: ticket.id, instance_id: ticket.instanceId, vendor_key: ticket.vendorKey, from: ticket.status, to: status, vendor_status: vendorStatus, sla_state: patch.slaState ?? ticket.slaState } });
    }
  }

  /** One batch; returns how many outbox rows it consumed. */
  async function runOnce(): Promise<number> {
    await ensureCursor();
    return db.transaction(async (tx) => {
      const [cursor] = await tx.select().from(outboxCursors).where(eq(outboxCursors.consumer, TICKET_CONSUMER)).for('update');
      const fetched = await tx.select().from(outbox).where(gt(outbox.seq, cursor!.lastSeq)).orderBy(asc(outbox.seq)).limit(batchSize);
      const rows = contiguous(fetched, cursor!.lastSeq);
      if (rows.length === 0) return 0;
      const recordRows = rows.filter((r) => r.type.startsWith('record.'));
      const rules = await rulesOf(tx, [...new Set(recordRows.map((r) => r.organizationId))]);
      const streams = await ticketStreams(tx, [...new Set(recordRows.map((r) => r.instanceId).filter((id): id is string => id !== null))]);
      const events: NewEvent[] = [];
      const logs: LogEntry[] = [];
      for (const row of recordRows) {
        const record = row.data.record as Record<string, unknown> | undefined;
        if (row.instanceId && streams.get(row.instanceId) === row.data.stream) {
          await followVendor(tx, row, events, logs);
          continue;
        }
        const classUid = Number(row.data.class_uid);
        if (!(classUid >= 2000 && classUid < 3000)) continue;
        await followFinding(tx, row, record);
        if (row.type === 'record.deleted' || !record || !findingIsActive(row.type, record)) continue;
        const envelope = envelopeOf(row);
        let asset: FindingAsset | null | undefined;
        for (const rule of rules) {
          if (rule.row.organizationId !== row.organizationId) continue;
          if (!(await rule.filter.matches(envelope, row.instanceId))) continue;
          asset ??= await assetOf(tx, row.organizationId, row.instanceId, record);
          if (rule.row.assetConditions && !assetMatches(asset, rule.row.assetConditions as AssetConditions)) continue;
          await applyRule(tx, rule.row, row, record, asset, events);
        }
      }
      await emitEvents(tx, events);
      await logOperation(tx, ...logs);
      await tx.update(outboxCursors).set({ lastSeq: rows.at(-1)!.seq, updatedAt: deps.clock.now() }).where(eq(outboxCursors.consumer, TICKET_CONSUMER));
      return rows.length;
    });
  }

  return { runOnce, applyVendorStatus };
}

export type TicketEngine = ReturnType<typeof createTicketEngine>;
