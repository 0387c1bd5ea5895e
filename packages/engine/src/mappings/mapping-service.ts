import { and, desc, eq, lt, max, or, type SQL } from 'drizzle-orm';
import { getClass } from '@patchbay/ocsf';
import { dataMappings, dataMappingVersions, integrationInstances, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import { appendAudit } from '../audit/append-audit.ts';
import type { InstanceRow } from '../instances/instances.ts';
import type { Actor } from '../lib/actor.ts';
import { isUniqueViolation } from '../lib/db-errors.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { clampLimit, decodeCursor, toPage, type Page, type PageRequest } from '../lib/pagination.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { checkMapping, assertMappingValid, compileMapping, type MappingIssue, type MappingStep } from './compile-mapping.ts';
import { requireStream, streamClassUid } from './stream-class.ts';
import { previewMapping, type MappingPreview } from './preview-mapping.ts';
import { readStreamSamples, type StreamSamples } from './stream-samples.ts';
import { testMapping, type SampleResult } from './test-mapping.ts';

export type MappingRow = typeof dataMappings.$inferSelect;
export type MappingVersionRow = typeof dataMappingVersions.$inferSelect;

export interface MappingInput {
  readonly name: string;
  readonly instanceId: string;
  readonly stream: string;
  readonly fieldMappings: Record<string, string>;
  readonly transformations?: MappingStep[];
  readonly sourceSchema?: Record<string, unknown> | null;
  readonly active?: boolean;
}

export type MappingUpdate = Omit<MappingInput, 'instanceId' | 'stream'>;

/** An unsaved mapping to try on samples. */
export interface MappingDraft {
  readonly instanceId: string;
  readonly stream: string;
  readonly fieldMappings: Record<string, string>;
  readonly transformations?: MappingStep[];
}

export interface MappingFilter extends PageRequest {
  readonly instanceId?: string;
  readonly stream?: string;
}

export interface MappingValidation {
  readonly valid: boolean;
  readonly classUid: number | null;
  readonly errors: MappingIssue[];
  readonly warnings: MappingIssue[];
}

/** What an audit digest covers. */
function snapshot(row: MappingRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

/**
 * DataMappings: user JSONata overrides of a connector stream's OCSF mapping. Every create and update is
 * validated (expressions compile, targets exist in the stream's OCSF class), becomes a new version kept
 * in the history, and is audited in its transaction. At most one active mapping per (instance, stream).
 */
export function createMappingService(deps: EngineDeps, registry: ConnectorRegistry) {
  const { db } = deps.database;

  async function loadInstance(tx: Db, actor: Actor, id: string, forUpdate: boolean): Promise<InstanceRow> {
    const query = tx.select().from(integrationInstances).where(and(eq(integrationInstances.id, id), eq(integrationInstances.organizationId, actor.organizationId)));
    const [row] = forUpdate ? await query.for('update') : await query;
    if (!row) throw new PatchbayError('NOT_FOUND', { field: 'instance_id', message: `No instance ${id}` });
    return row;
  }

  async function load(tx: Db, actor: Actor, id: string): Promise<MappingRow> {
    const [row] = await tx.select().from(dataMappings).where(and(eq(dataMappings.id, id), eq(dataMappings.organizationId, actor.organizationId)));
    if (!row) throw new PatchbayError('NOT_FOUND', { message: `No mapping ${id}` });
    return row;
  }

  /** The stream's declaration and class: the connector must run in this process. */
  function streamOf(instance: InstanceRow, name: string) {
    const connector = registry.require(instance.connectorId);
    const stream = requireStream(connector, name);
    return { connector, stream, classUid: streamClassUid(stream) };
  }

  async function nextVersion(tx: Db, instanceId: string, stream: string): Promise<number> {
    const [row] = await tx.select({ v: max(dataMappingVersions.version) }).from(dataMappingVersions).where(and(eq(dataMappingVersions.instanceId, instanceId), eq(dataMappingVersions.stream, stream)));
    return (row?.v ?? 0) + 1;
  }

  async function recordVersion(tx: Db, row: MappingRow, actor: Actor): Promise<void> {
    await tx.insert(dataMappingVersions).values({
      mappingId: row.id,
      organizationId: row.organizationId,
      instanceId: row.instanceId,
      stream: row.stream,
      version: row.version,
      name: row.name,
      fieldMappings: row.fieldMappings,
      transformations: row.transformations,
      sourceSchema: row.sourceSchema,
      createdBy: actor.userId ?? null,
      createdAt: row.updatedAt,
    });
  }

  /** Checked under the instance's row lock, so concurrent writers queue; the unique indexes back it up. */
  async function assertNoClash(tx: Db, instanceId: string, stream: string, name: string, active: boolean, exceptId?: string): Promise<void> {
    const rows = await tx.select().from(dataMappings).where(and(eq(dataMappings.instanceId, instanceId), or(eq(dataMappings.name, name), and(eq(dataMappings.stream, stream), eq(dataMappings.active, true)))));
    const others = rows.filter((r) => r.id !== exceptId);
    const clash = active ? others.find((r) => r.active && r.stream === stream) : undefined;
    if (clash) {
      throw new PatchbayError('MAPPING_ACTIVE_EXISTS', { field: 'stream', message: `Stream ${stream} of this instance already has an active mapping (${clash.name})`, details: { mapping_id: clash.id } });
    }
    if (others.some((r) => r.name === name)) throw new PatchbayError('ALREADY_EXISTS', { field: 'name', message: `This instance already has a mapping named ${name}` });
  }

  const uniqueConflict = (error: unknown): never => {
    if (isUniqueViolation(error)) throw new PatchbayError('CONFLICT', { message: 'Another change to this mapping landed first', hint: 'Read the mappings again and retry.' });
    throw error;
  };

  return {
    async list(actor: Actor, filter: MappingFilter): Promise<Page<MappingRow>> {
      const limit = clampLimit(filter.limit);
      const where: SQL[] = [eq(dataMappings.organizationId, actor.organizationId)];
      if (filter.instanceId) where.push(eq(dataMappings.instanceId, filter.instanceId));
      if (filter.stream) where.push(eq(dataMappings.stream, filter.stream));
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 2);
        const t = new Date(String(at));
        where.push(or(lt(dataMappings.createdAt, t), and(eq(dataMappings.createdAt, t), lt(dataMappings.id, String(id))))!);
      }
      const rows = await db.select().from(dataMappings).where(and(...where)).orderBy(desc(dataMappings.createdAt), desc(dataMappings.id)).limit(limit + 1);
      return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id]);
    },

    get: (actor: Actor, id: string) => load(db, actor, id),

    /** Every version of a mapping, newest first. */
    async versions(actor: Actor, id: string): Promise<MappingVersionRow[]> {
      await load(db, actor, id);
      return db.select().from(dataMappingVersions).where(and(eq(dataMappingVersions.mappingId, id), eq(dataMappingVersions.organizationId, actor.organizationId))).orderBy(desc(dataMappingVersions.version));
    },

    async create(actor: Actor, input: MappingInput): Promise<MappingRow> {
      const active = input.active ?? true;
      return db.transaction(async (tx) => {
        const instance = await loadInstance(tx, actor, input.instanceId, true);
        const { classUid } = streamOf(instance, input.stream);
        assertMappingValid({ fieldMappings: input.fieldMappings, transformations: input.transformations }, classUid);
        const now = deps.clock.now();
        await assertNoClash(tx, instance.id, input.stream, input.name, active);
        const version = await nextVersion(tx, instance.id, input.stream);
        const [row] = await tx
          .insert(dataMappings)
          .values({
            organizationId: actor.organizationId,
            instanceId: instance.id,
            stream: input.stream,
            name: input.name,
            fieldMappings: input.fieldMappings,
            transformations: input.transformations ?? [],
            sourceSchema: input.sourceSchema ?? null,
            version,
            active,
            createdBy: actor.userId ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .catch(uniqueConflict);
        await recordVersion(tx, row!, actor);
        await appendAudit(tx, deps.clock, actor, { action: 'mapping.created', targetType: 'mapping', targetId: row!.id, after: snapshot(row!), details: { instance_id: instance.id, stream: input.stream, version } });
        return row!;
      });
    },

    /** Replaces the mapping's content: a new version (the instance and stream stay). */
    async update(actor: Actor, id: string, input: MappingUpdate): Promise<MappingRow> {
      return db.transaction(async (tx) => {
        const before = await load(tx, actor, id);
        const instance = await loadInstance(tx, actor, before.instanceId, true);
        const { classUid } = streamOf(instance, before.stream);
        assertMappingValid({ fieldMappings: input.fieldMappings, transformations: input.transformations }, classUid);
        const active = input.active ?? before.active;
        await assertNoClash(tx, instance.id, before.stream, input.name, active, id);
        const version = await nextVersion(tx, instance.id, before.stream);
        const [row] = await tx
          .update(dataMappings)
          .set({
            name: input.name,
            fieldMappings: input.fieldMappings,
            transformations: input.transformations ?? [],
            sourceSchema: input.sourceSchema === undefined ? before.sourceSchema : input.sourceSchema,
            active,
            version,
            updatedAt: deps.clock.now(),
          })
          .where(eq(dataMappings.id, id))
          .returning()
          .catch(uniqueConflict);
        await recordVersion(tx, row!, actor);
        await appendAudit(tx, deps.clock, actor, { action: 'mapping.updated', targetType: 'mapping', targetId: id, before: snapshot(before), after: snapshot(row!), details: { from_version: before.version, version } });
        return row!;
      });
    },

    /** Deletes the mapping; its versions stay, since synced records name them. */
    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await load(tx, actor, id);
        await tx.delete(dataMappings).where(eq(dataMappings.id, id));
        await appendAudit(tx, deps.clock, actor, { action: 'mapping.deleted', targetType: 'mapping', targetId: id, before: snapshot(before), details: { instance_id: before.instanceId, stream: before.stream, version: before.version } });
      });
    },

    /** Compiles every expression and checks every target against the stream's OCSF class, reporting all problems. */
    async validate(actor: Actor, id: string): Promise<MappingValidation> {
      const row = await load(db, actor, id);
      const instance = await loadInstance(db, actor, row.instanceId, false);
      const { classUid } = streamOf(instance, row.stream);
      const report = checkMapping({ fieldMappings: row.fieldMappings, transformations: row.transformations }, classUid);
      return { valid: report.errors.length === 0, classUid: classUid ?? null, ...report };
    },

    /** Runs samples through the connector's mapper, the mapping and OCSF validation; stores nothing. */
    async test(actor: Actor, id: string, samples: readonly unknown[]): Promise<{ classUid: number | null; results: SampleResult[] }> {
      const row = await load(db, actor, id);
      const instance = await loadInstance(db, actor, row.instanceId, false);
      const { connector, stream, classUid } = streamOf(instance, row.stream);
      const compiled = compileMapping({ fieldMappings: row.fieldMappings, transformations: row.transformations }, classUid);
      const results = await testMapping(samples, { connector, stream, instanceId: instance.id, override: compiled.override, now: deps.clock.now() });
      return { classUid: classUid ?? null, results };
    },

    /** Runs an unsaved draft over samples like `test` (its problems reported per path, not thrown); stores nothing. */
    async preview(actor: Actor, draft: MappingDraft, samples: readonly unknown[]): Promise<MappingPreview> {
      const instance = await loadInstance(db, actor, draft.instanceId, false);
      const { connector, stream, classUid } = streamOf(instance, draft.stream);
      return previewMapping({ fieldMappings: draft.fieldMappings, transformations: draft.transformations }, samples, { connector, stream, classUid, instanceId: instance.id, now: deps.clock.now() });
    },

    /** The newest raw vendor records the store keeps for an instance's stream (see readStreamSamples). */
    async samples(actor: Actor, instanceId: string, streamName: string, limit: number): Promise<StreamSamples> {
      const instance = await loadInstance(db, actor, instanceId, false);
      streamOf(instance, streamName);
      return readStreamSamples(db, { organizationId: actor.organizationId, instanceId: instance.id, stream: streamName, limit });
    },
  };
}

export type MappingService = ReturnType<typeof createMappingService>;

/** The OCSF class a mapping's records are validated against (for responses). */
export function classSummary(classUid: number | null) {
  const cls = classUid === null ? undefined : getClass(classUid);
  return cls ? { class_uid: cls.uid, class_name: cls.name } : null;
}
