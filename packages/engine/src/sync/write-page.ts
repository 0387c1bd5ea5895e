import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@patchbay/store';
import type { NormalizedRecord, RejectedRecord } from './normalize-page.ts';
import { rowsOf } from '../lib/rows.ts';

export interface PageTarget {
  readonly organizationId: string;
  readonly instanceId: string;
  readonly stream: string;
  readonly executionId: string;
  readonly connectorVersion: string;
  readonly mappingVersion: number | null;
}

export interface PageCounts {
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  failed: number;
}

/**
 * Records per statement. Each statement carries its rows as ONE JSON parameter that the server unpacks
 * with `jsonb_to_recordset`: a handful of round trips per page whatever its size, no per-row parameters.
 */
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** One statement's worth of records with its JSON parameter already built. */
export interface InputChunk {
  readonly records: readonly NormalizedRecord[];
  /** The records as one JSON array (the statement's parameter). */
  readonly json: string;
  readonly withAnnotations: boolean;
  readonly clearAnnotations: boolean;
}

/** A normalised page ready to write: its upsert parameters are built ahead, off the write's critical path. */
export interface PreparedPage {
  readonly records: readonly NormalizedRecord[];
  readonly rejected: readonly RejectedRecord[];
  readonly input: readonly InputChunk[];
}

/**
 * Builds a page's upsert parameters. The stream runner does it while the previous page is written, so the
 * database does not wait for the JSON text of the next page (about a tenth of a page's cycle when built in line).
 */
export function preparePage(page: { records: readonly NormalizedRecord[]; rejected: readonly RejectedRecord[] }): PreparedPage {
  const input = chunks(page.records).map((part) => ({
    records: part,
    json: `[${part.map(inputRow).join(',')}]`,
    withAnnotations: part.some((r) => r.annotations),
    clearAnnotations: part.some((r) => !r.annotations),
  }));
  return { records: page.records, rejected: page.rejected, input };
}


/** One input row as JSON text; `data` and `raw` are spliced in as the JSON text they already are. */
function inputRow(r: NormalizedRecord): string {
  const a = r.annotations;
  return (
    `{"external_id":${JSON.stringify(r.externalId)},"class_uid":${r.classUid},"category_uid":${r.categoryUid ?? 'null'},` +
    `"severity_id":${r.severityId ?? 'null'},"occurred_at":${r.occurredAt ? `"${r.occurredAt.toISOString()}"` : 'null'},"content_hash":"${r.contentHash}",` +
    `"raw_hash":"${r.rawHash}","raw_size":${r.rawSize},"has_annotations":${a ? 'true' : 'false'},"criticality":${JSON.stringify(a?.criticality ?? null)},` +
    `"tags":${JSON.stringify(a?.tags ?? null)},"raw":${r.rawJson ?? 'null'},"data":${r.dataJson}}`
  );
}

/**
 * One statement per chunk: inserts new records and rewrites changed ones (a different content hash, or a
 * record a full refresh had marked deleted), leaving unchanged ones alone; writes `record.created` /
 * `record.updated` events into the outbox from the rows it touched (the event's record is the input row's
 * data, which is what the row now holds) and the mapping's annotations; and answers how many it created
 * and updated. The unique index's conflict check is the only lookup: no separate read of what exists.
 */
function upsertStatement(target: PageTarget, chunk: InputChunk, now: string): SQL {
  const annotate = chunk.withAnnotations
    ? sql`, annotated as (
        insert into asset_annotations (record_id, organization_id, mapping_criticality, mapping_tags, updated_at)
        select up.id, ${target.organizationId}::uuid, i.criticality, case when i.tags is null then null else array(select jsonb_array_elements_text(i.tags)) end, ${now}::timestamptz
        from up join input i on i.external_id = up.external_id where i.has_annotations
        on conflict (record_id) do update set mapping_criticality = excluded.mapping_criticality, mapping_tags = excluded.mapping_tags, updated_at = excluded.updated_at
      )`
    : sql``;
  const clear = chunk.clearAnnotations
    ? sql`, cleared as (
        update asset_annotations set mapping_criticality = null, mapping_tags = null, updated_at = ${now}::timestamptz
        where record_id in (select up.id from up join input i on i.external_id = up.external_id where not i.has_annotations and not up.created)
          and (mapping_criticality is not null or mapping_tags is not null)
      )`
    : sql``;
  return sql`
    with input as (
      select * from jsonb_to_recordset(${chunk.json}::jsonb) as x(
        external_id text, class_uid integer, category_uid integer, severity_id integer, occurred_at timestamptz,
        content_hash text, raw_hash text, raw_size integer, has_annotations boolean, criticality text, tags jsonb, raw jsonb, data jsonb)
    ),
    up as (
      insert into records as r (organization_id, instance_id, stream, external_id, class_uid, category_uid, severity_id, occurred_at, data,
        content_hash, first_seen, last_seen, raw_hash, raw_size, raw, sync_execution_id, connector_version, mapping_version, fetched_at)
      select ${target.organizationId}::uuid, ${target.instanceId}::uuid, ${target.stream}, i.external_id, i.class_uid, i.category_uid, i.severity_id,
        i.occurred_at, i.data, i.content_hash, ${now}::timestamptz, ${now}::timestamptz, i.raw_hash, i.raw_size, i.raw, ${target.executionId}::uuid,
        ${target.connectorVersion}, ${target.mappingVersion}::integer, ${now}::timestamptz
      from input i
      on conflict (instance_id, stream, external_id) do update set
        data = excluded.data, class_uid = excluded.class_uid, category_uid = excluded.category_uid, severity_id = excluded.severity_id,
        occurred_at = excluded.occurred_at, content_hash = excluded.content_hash, last_seen = excluded.last_seen, deleted_at = null,
        raw_hash = excluded.raw_hash, raw_size = excluded.raw_size, raw = excluded.raw, sync_execution_id = excluded.sync_execution_id,
        connector_version = excluded.connector_version, mapping_version = excluded.mapping_version, fetched_at = excluded.fetched_at,
        revision = r.revision + 1
      where r.content_hash <> excluded.content_hash or r.deleted_at is not null
      returning r.id, r.external_id, (r.xmax = 0) as created
    )${annotate}${clear},
    events as (
      insert into outbox (organization_id, instance_id, type, occurred_at, data)
      select ${target.organizationId}::uuid, ${target.instanceId}::uuid, case when up.created then 'record.created' else 'record.updated' end, ${now}::timestamptz,
        jsonb_build_object('record_id', up.id, 'instance_id', ${target.instanceId}::text, 'stream', ${target.stream}::text, 'external_id', up.external_id,
          'class_uid', i.class_uid, 'severity_id', i.severity_id, 'record', i.data)
      from up join input i on i.external_id = up.external_id
      order by up.created desc, up.external_id
    )
    select (count(*) filter (where created))::int as created, (count(*) filter (where not created))::int as updated from up`;
}

/**
 * Writes one page inside the caller's transaction: records upserted (unchanged ones only touch
 * last_seen), rejects kept, events into the outbox, the checkpoint that follows the page, and the
 * execution's counters. Either all of it commits or none of it does.
 */
export async function writePage(tx: Db, target: PageTarget, page: PreparedPage, checkpoint: unknown, now: Date): Promise<PageCounts> {
  const counts: PageCounts = { created: 0, updated: 0, unchanged: 0, invalid: 0, failed: 0 };
  const at = now.toISOString();
  // The page, its checkpoint and its counters commit together or not at all, so a page lost in a database
  // server crash just before its WAL reached disk is one the next run reads again from the checkpoint before
  // it: no flush wait per page (PostgreSQL: "asynchronous commit" for data that can be reconstructed).
  await tx.execute(sql`set local synchronous_commit = off`);

  for (const chunk of page.input) {
    const part = chunk.records;
    const [done] = rowsOf<{ created: number; updated: number }>(await tx.execute(upsertStatement(target, chunk, at)));
    counts.created += done!.created;
    counts.updated += done!.updated;
    // The rest were already there with the same content: they were seen now.
    const unchanged = part.length - done!.created - done!.updated;
    if (unchanged > 0) {
      // One unique-index probe per id, whatever the planner thinks of the table (right after a first sync it
      // has no statistics, and `external_id = any(...)` may then scan the whole stream: quadratic over a run).
      await tx.execute(sql`
        update records set last_seen = ${at}::timestamptz
        where id in (
          select r.id from unnest(${sql.param(part.map((r) => r.externalId))}::text[]) as k(external_id),
          lateral (select id, last_seen from records
            where instance_id = ${target.instanceId}::uuid and stream = ${target.stream} and external_id = k.external_id limit 1) as r
          where r.last_seen < ${at}::timestamptz)`);
      counts.unchanged += unchanged;
    }
  }

  for (const part of chunks(page.rejected)) {
    const json = JSON.stringify(part.map((r) => ({ external_id: r.externalId, kind: r.kind, reason: r.reason, raw: r.raw ?? null })));
    await tx.execute(sql`
      insert into rejected_records (organization_id, instance_id, stream, sync_execution_id, external_id, kind, reason, raw, created_at)
      select ${target.organizationId}::uuid, ${target.instanceId}::uuid, ${target.stream}, ${target.executionId}::uuid, x.external_id, x.kind, x.reason, x.raw, ${at}::timestamptz
      from jsonb_to_recordset(${json}::jsonb) as x(external_id text, kind text, reason jsonb, raw jsonb)`);
  }
  counts.invalid = page.rejected.filter((r) => r.kind === 'invalid').length;
  counts.failed = page.rejected.length - counts.invalid;

  // The checkpoint and the counters in one statement.
  const processed = page.records.length + page.rejected.length;
  await tx.execute(sql`
    with state as (
      insert into stream_states (instance_id, stream, checkpoint, updated_at)
      values (${target.instanceId}::uuid, ${target.stream}, ${checkpoint === undefined || checkpoint === null ? null : JSON.stringify(checkpoint)}::jsonb, ${at}::timestamptz)
      on conflict (instance_id, stream) do update set checkpoint = excluded.checkpoint, updated_at = excluded.updated_at
    )
    update sync_executions set
      pages = pages + 1, heartbeat_at = ${at}::timestamptz,
      records_processed = records_processed + ${processed}::integer, records_created = records_created + ${counts.created}::integer,
      records_updated = records_updated + ${counts.updated}::integer, records_unchanged = records_unchanged + ${counts.unchanged}::integer,
      records_invalid = records_invalid + ${counts.invalid}::integer, records_failed = records_failed + ${counts.failed}::integer
    where id = ${target.executionId}::uuid`);
  return counts;
}
