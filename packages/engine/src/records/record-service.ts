import { and, desc, eq, gte, inArray, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { getClass } from '@patchbay/ocsf';
import { assetAnnotations, integrationInstances, records, rejectedRecords, type Criticality } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import { afterCursor, cursorOf, descOrder, type RecordSort } from './record-cursor.ts';
import { classesOf, type RecordKind } from './record-kinds.ts';

export interface RecordFilter extends PageRequest {
  readonly classUids?: readonly number[];
  readonly categoryUid?: number;
  readonly instanceId?: string;
  readonly connectorId?: string;
  readonly stream?: string;
  readonly externalId?: string;
  readonly severityIds?: readonly number[];
  readonly minSeverityId?: number;
  /** On the record's own time (OCSF `time`). */
  readonly occurredFrom?: Date;
  readonly occurredTo?: Date;
  /** Records seen by a sync at or after this time. */
  readonly seenSince?: Date;
  /** Case-insensitive text anywhere in the OCSF record. */
  readonly q?: string;
  readonly includeDeleted?: boolean;
  readonly criticality?: Criticality;
  readonly tag?: string;
  /** Identities: records of this user (`user.uid`), their own and their group memberships'. */
  readonly userUid?: string;
  /** Identities: the group (`group.uid`) and the memberships in it (`user.groups[].uid`). */
  readonly groupUid?: string;
  readonly sort?: RecordSort;
}

export interface RejectedFilter extends PageRequest {
  readonly instanceId?: string;
  readonly stream?: string;
  readonly executionId?: string;
  readonly kind?: 'invalid' | 'failed';
}

const columns = {
  id: records.id,
  organizationId: records.organizationId,
  instanceId: records.instanceId,
  instanceName: integrationInstances.name,
  connectorId: integrationInstances.connectorId,
  stream: records.stream,
  externalId: records.externalId,
  classUid: records.classUid,
  categoryUid: records.categoryUid,
  severityId: records.severityId,
  occurredAt: records.occurredAt,
  data: records.data,
  contentHash: records.contentHash,
  firstSeen: records.firstSeen,
  lastSeen: records.lastSeen,
  deletedAt: records.deletedAt,
  rawHash: records.rawHash,
  rawSize: records.rawSize,
  syncExecutionId: records.syncExecutionId,
  connectorVersion: records.connectorVersion,
  mappingVersion: records.mappingVersion,
  fetchedAt: records.fetchedAt,
  revision: records.revision,
  criticality: assetAnnotations.criticality,
  tags: assetAnnotations.tags,
  mappingCriticality: assetAnnotations.mappingCriticality,
  mappingTags: assetAnnotations.mappingTags,
};

/** One row as selected: the record, its instance's name and connector, and the asset annotations. */
export interface Selected {
  id: string;
  organizationId: string;
  instanceId: string;
  instanceName: string;
  connectorId: string;
  stream: string;
  externalId: string;
  classUid: number;
  categoryUid: number | null;
  severityId: number | null;
  occurredAt: Date | null;
  data: Record<string, unknown>;
  contentHash: string;
  firstSeen: Date;
  lastSeen: Date;
  deletedAt: Date | null;
  rawHash: string;
  rawSize: number;
  syncExecutionId: string | null;
  connectorVersion: string;
  mappingVersion: number | null;
  fetchedAt: Date;
  revision: number;
  criticality: Criticality | null;
  tags: string[] | null;
  mappingCriticality: Criticality | null;
  mappingTags: string[] | null;
}

/** A record as the read APIs give it: the OCSF object, its provenance and (assets) annotations. */
export interface RecordView extends Selected {
  /** The OCSF class name (`detection_finding`) and the caption of `severity_id` in that class. */
  readonly className: string | null;
  readonly severity: string | null;
  /** The API's value, else the mapping's. */
  readonly effectiveCriticality: Criticality | null;
  readonly effectiveTags: string[];
  readonly criticalitySource: 'api' | 'mapping' | null;
  readonly tagsSource: 'api' | 'mapping' | null;
  /** Only on single reads. */
  readonly raw?: unknown;
}

const sortColumns = { first_seen: [records.firstSeen, 'time'], last_seen: [records.lastSeen, 'time'], occurred_at: [records.occurredAt, 'time'], severity_id: [records.severityId, 'number'] } as const;

const captions = new Map<number, Map<number, string>>();

function severityCaption(classUid: number, severityId: number | null): string | null {
  if (severityId === null) return null;
  let byId = captions.get(classUid);
  if (!byId) {
    const values = getClass(classUid)?.attributes.find((a) => a.name === 'severity_id')?.enum ?? [];
    byId = new Map(values.filter((v) => typeof v.value === 'number').map((v) => [v.value as number, v.caption]));
    captions.set(classUid, byId);
  }
  return byId.get(severityId) ?? null;
}

function view(row: Selected, raw?: unknown): RecordView {
  const criticality = (row.criticality ?? row.mappingCriticality ?? null) as Criticality | null;
  const tags = row.tags ?? row.mappingTags ?? [];
  return {
    ...row,
    className: getClass(row.classUid)?.name ?? null,
    severity: severityCaption(row.classUid, row.severityId),
    effectiveCriticality: criticality,
    effectiveTags: [...tags],
    criticalitySource: row.criticality ? 'api' : row.mappingCriticality ? 'mapping' : null,
    tagsSource: row.tags ? 'api' : row.mappingTags ? 'mapping' : null,
    ...(raw === undefined ? {} : { raw }),
  };
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const effectiveCriticality = sql`coalesce(${assetAnnotations.criticality}, ${assetAnnotations.mappingCriticality})`;
const effectiveTags = sql`coalesce(${assetAnnotations.tags}, ${assetAnnotations.mappingTags})`;

function kindName(kind: RecordKind): string {
  return kind === 'records' ? 'record' : kind.replace(/ies$/, 'y').replace(/s$/, '');
}

export interface AnnotationPatch {
  /** `null` clears the API's value (the mapping's shows again). */
  readonly criticality?: Criticality | null;
  readonly tags?: string[] | null;
}

/** Reads synced records (organisation-scoped, deleted ones hidden unless asked) and annotates assets. */
export function createRecordService(deps: EngineDeps) {
  const { db } = deps.database;

  function scope(actor: Actor, kind: RecordKind, classUids?: readonly number[]): SQL[] {
    const where: SQL[] = [eq(records.organizationId, actor.organizationId)];
    const allowed = classesOf(kind);
    if (classUids?.length) {
      const outside = allowed ? classUids.filter((c) => !allowed.includes(c)) : [];
      if (outside.length) {
        throw new PatchbayError('VALIDATION_FAILED', { field: 'class_uid', message: `class_uid ${outside.join(', ')} is not served by /api/${kind}`, hint: `/api/${kind} serves ${allowed!.join(', ')}; /api/records serves every class.` });
      }
      where.push(inArray(records.classUid, [...classUids]));
    } else if (allowed) where.push(inArray(records.classUid, [...allowed]));
    return where;
  }

  async function loadOne(actor: Actor, kind: RecordKind, id: string, withRaw: boolean): Promise<RecordView> {
    const where = [...scope(actor, kind), eq(records.id, id)];
    const [row] = await db
      .select(withRaw ? { ...columns, raw: records.raw } : columns)
      .from(records)
      .innerJoin(integrationInstances, eq(integrationInstances.id, records.instanceId))
      .leftJoin(assetAnnotations, eq(assetAnnotations.recordId, records.id))
      .where(and(...where));
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No ${kindName(kind)} ${id}` });
    const { raw, ...rest } = row as Selected & { raw?: unknown };
    return view(rest as Selected, withRaw ? (raw ?? null) : undefined);
  }

  return {
    async list(actor: Actor, kind: RecordKind, filter: RecordFilter): Promise<Page<RecordView>> {
      const limit = clampLimit(filter.limit);
      const where = scope(actor, kind, filter.classUids);
      if (!filter.includeDeleted) where.push(isNull(records.deletedAt));
      if (filter.categoryUid !== undefined) where.push(eq(records.categoryUid, filter.categoryUid));
      if (filter.instanceId) where.push(eq(records.instanceId, filter.instanceId));
      if (filter.connectorId) where.push(eq(integrationInstances.connectorId, filter.connectorId));
      if (filter.stream) where.push(eq(records.stream, filter.stream));
      if (filter.externalId) where.push(eq(records.externalId, filter.externalId));
      if (filter.severityIds?.length) where.push(inArray(records.severityId, [...filter.severityIds]));
      if (filter.minSeverityId !== undefined) where.push(gte(records.severityId, filter.minSeverityId));
      if (filter.occurredFrom) where.push(gte(records.occurredAt, filter.occurredFrom));
      if (filter.occurredTo) where.push(lte(records.occurredAt, filter.occurredTo));
      if (filter.seenSince) where.push(gte(records.lastSeen, filter.seenSince));
      if (filter.q) where.push(sql`${records.data}::text ilike ${`%${escapeLike(filter.q)}%`}`);
      if (filter.criticality) where.push(sql`${effectiveCriticality} = ${filter.criticality}`);
      if (filter.tag) where.push(sql`${effectiveTags} @> array[${filter.tag}]::text[]`);
      if (filter.userUid) where.push(sql`${records.data} -> 'user' ->> 'uid' = ${filter.userUid}`);
      if (filter.groupUid) {
        where.push(sql`(${records.data} -> 'group' ->> 'uid' = ${filter.groupUid} or ${records.data} -> 'user' -> 'groups' @> ${JSON.stringify([{ uid: filter.groupUid }])}::jsonb)`);
      }
      const [column, type] = sortColumns[filter.sort ?? 'last_seen'];
      if (filter.cursor) where.push(afterCursor(column, records.id, filter.cursor, type));
      const rows = (await db
        .select(columns)
        .from(records)
        .innerJoin(integrationInstances, eq(integrationInstances.id, records.instanceId))
        .leftJoin(assetAnnotations, eq(assetAnnotations.recordId, records.id))
        .where(and(...where))
        .orderBy(descOrder(column), desc(records.id))
        .limit(limit + 1)) as Selected[];
      const page = toPage(rows, limit, () => []);
      const last = page.items.at(-1);
      const key = filter.sort ?? 'last_seen';
      const value = last ? ({ first_seen: last.firstSeen, last_seen: last.lastSeen, occurred_at: last.occurredAt, severity_id: last.severityId } as const)[key] : null;
      return { items: page.items.map((r) => view(r)), nextCursor: page.nextCursor && last ? cursorOf(value ?? null, last.id) : null };
    },

    /** One record of the kind (another kind's record, or another organisation's, is NOT_FOUND); with its raw payload when kept. */
    get: (actor: Actor, kind: RecordKind, id: string) => loadOne(actor, kind, id, true),

    /** Sets an asset's criticality and tags (the API's own columns: syncs never overwrite them). Audited. */
    async annotate(actor: Actor, id: string, patch: AnnotationPatch): Promise<RecordView> {
      await db.transaction(async (tx) => {
        const [asset] = await tx
          .select({ id: records.id })
          .from(records)
          .where(and(...scope(actor, 'assets'), eq(records.id, id)))
          .for('update');
        if (!asset) throw new PatchbayError('NOT_FOUND', { message: `No asset ${id}` });
        const [before] = await tx.select().from(assetAnnotations).where(eq(assetAnnotations.recordId, id));
        const now = deps.clock.now();
        const next = {
          criticality: patch.criticality === undefined ? (before?.criticality ?? null) : patch.criticality,
          tags: patch.tags === undefined ? (before?.tags ?? null) : patch.tags === null ? null : [...new Set(patch.tags.map((t) => t.trim()).filter(Boolean))],
        };
        await tx
          .insert(assetAnnotations)
          .values({ recordId: id, organizationId: actor.organizationId, ...next, updatedAt: now, updatedBy: actor.userId ?? null })
          .onConflictDoUpdate({ target: assetAnnotations.recordId, set: { ...next, updatedAt: now, updatedBy: actor.userId ?? null } });
        await appendAudit(tx, deps.clock, actor, {
          action: 'asset.annotated',
          targetType: 'asset',
          targetId: id,
          before: { criticality: before?.criticality ?? null, tags: before?.tags ?? null },
          after: next,
          details: { changed: Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined) },
        });
      });
      return loadOne(actor, 'assets', id, false);
    },

    /** Records that failed mapping or OCSF validation, newest first, with the reason. */
    async listRejected(actor: Actor, filter: RejectedFilter): Promise<Page<typeof rejectedRecords.$inferSelect>> {
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [eq(rejectedRecords.organizationId, actor.organizationId)];
      if (filter.instanceId) where.push(eq(rejectedRecords.instanceId, filter.instanceId));
      if (filter.stream) where.push(eq(rejectedRecords.stream, filter.stream));
      if (filter.executionId) where.push(eq(rejectedRecords.syncExecutionId, filter.executionId));
      if (filter.kind) where.push(eq(rejectedRecords.kind, filter.kind));
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(rejectedRecords.createdAt, t), and(eq(rejectedRecords.createdAt, t), lt(rejectedRecords.id, String(id))))!);
      }
      const rows = await db.select().from(rejectedRecords).where(and(...where)).orderBy(desc(rejectedRecords.createdAt), desc(rejectedRecords.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },
  };
}

export type RecordService = ReturnType<typeof createRecordService>;
