import { z } from 'zod';
import { recordSorts, type RecordFilter, type RecordView } from '@patchbay/engine';
import { iso, isoOrNull, pageQuery, toIso } from './common.ts';

export const criticality = z.enum(['low', 'medium', 'high', 'critical']);

const intList = (name: string) =>
  z
    .string()
    .regex(/^\d+(,\d+)*$/, `${name} is a number or a comma-separated list of numbers`)
    .transform((s) => s.split(',').map(Number))
    .optional();

const flag = z.enum(['true', 'false']).transform((v) => v === 'true').optional();

/** Filters every record list takes. */
export const recordQuery = pageQuery.extend({
  class_uid: intList('class_uid').describe('OCSF class uid(s), e.g. 3002 or 3002,6003'),
  category_uid: z.coerce.number().int().optional(),
  instance_id: z.uuid().optional().describe('Source instance'),
  connector_id: z.string().min(1).optional().describe("Source connector (any of its instances)"),
  stream: z.string().min(1).optional(),
  external_id: z.string().min(1).optional().describe('The vendor id'),
  severity_id: intList('severity_id').describe('OCSF severity_id(s): 1 informational ... 5 critical, 6 fatal'),
  min_severity_id: z.coerce.number().int().min(0).max(99).optional(),
  occurred_from: z.iso.datetime({ offset: true }).optional().describe('The record time (OCSF `time`) at or after'),
  occurred_to: z.iso.datetime({ offset: true }).optional().describe('The record time at or before'),
  seen_since: z.iso.datetime({ offset: true }).optional().describe('Seen by a sync at or after (last_seen)'),
  q: z.string().min(1).max(200).optional().describe('Case-insensitive text anywhere in the OCSF record'),
  include_deleted: flag.describe('Include records a full-refresh sync marked deleted (default false)'),
  sort: z.enum(recordSorts).optional().describe('Newest (highest) first: last_seen (default: most recently seen by a sync), first_seen, occurred_at, severity_id'),
});

export const assetQuery = recordQuery.extend({
  criticality: criticality.optional(),
  tag: z.string().min(1).max(64).optional(),
});

export const identityQuery = recordQuery.extend({
  user_uid: z.string().min(1).max(256).optional().describe("A user's vendor id (`user.uid`): the user's own record and each of their group memberships"),
  group_uid: z.string().min(1).max(256).optional().describe("A group's vendor id: the group's record (`group.uid`) and each membership in it (`user.groups[].uid`)"),
});

export function toRecordFilter(q: z.output<typeof assetQuery> | z.output<typeof recordQuery> | z.output<typeof identityQuery>): RecordFilter {
  const a = q as Partial<z.output<typeof assetQuery>>;
  const i = q as Partial<z.output<typeof identityQuery>>;
  return {
    limit: q.limit,
    cursor: q.cursor,
    classUids: q.class_uid,
    categoryUid: q.category_uid,
    instanceId: q.instance_id,
    connectorId: q.connector_id,
    stream: q.stream,
    externalId: q.external_id,
    severityIds: q.severity_id,
    minSeverityId: q.min_severity_id,
    occurredFrom: q.occurred_from ? new Date(q.occurred_from) : undefined,
    occurredTo: q.occurred_to ? new Date(q.occurred_to) : undefined,
    seenSince: q.seen_since ? new Date(q.seen_since) : undefined,
    q: q.q,
    includeDeleted: q.include_deleted,
    sort: q.sort,
    criticality: a.criticality,
    tag: a.tag,
    userUid: i.user_uid,
    groupUid: i.group_uid,
  };
}

export const provenanceJson = z
  .object({
    instance_id: z.uuid(),
    instance_name: z.string(),
    connector_id: z.string(),
    connector_version: z.string(),
    mapping_version: z.number().int().nullable().describe('The DataMapping version applied (GET /api/integration/mappings/{id}/versions), null without one'),
    stream: z.string(),
    external_id: z.string().describe('The vendor id'),
    sync_execution_id: z.uuid().nullable(),
    raw_hash: z.string().describe('SHA-256 of the raw vendor payload (its JSON text)'),
    raw_size: z.number().int(),
    content_hash: z.string(),
    fetched_at: iso,
  })
  .describe('Where the record came from');

export const recordJson = z.object({
  id: z.uuid(),
  class_uid: z.number().int(),
  class_name: z.string().nullable(),
  category_uid: z.number().int().nullable(),
  severity_id: z.number().int().nullable(),
  severity: z.string().nullable(),
  occurred_at: isoOrNull,
  first_seen: iso,
  last_seen: iso,
  deleted_at: isoOrNull,
  revision: z.number().int(),
  data: z.record(z.string(), z.unknown()).describe('The OCSF record'),
  provenance: provenanceJson,
});

export const assetJson = recordJson.extend({
  criticality: criticality.nullable(),
  tags: z.array(z.string()),
  annotation_sources: z.object({ criticality: z.enum(['api', 'mapping']).nullable(), tags: z.enum(['api', 'mapping']).nullable() }).describe('Who set them: the API wins over the mapping'),
});

const withRaw = { raw: z.unknown().describe('The raw vendor payload, when the instance keeps raw payloads; else null') };
export const recordDetailJson = recordJson.extend(withRaw);
export const assetDetailJson = assetJson.extend(withRaw);

export function toRecordJson(r: RecordView): z.infer<typeof recordJson> & { raw?: unknown } {
  return {
    id: r.id,
    class_uid: r.classUid,
    class_name: r.className,
    category_uid: r.categoryUid,
    severity_id: r.severityId,
    severity: r.severity,
    occurred_at: toIso(r.occurredAt),
    first_seen: r.firstSeen.toISOString(),
    last_seen: r.lastSeen.toISOString(),
    deleted_at: toIso(r.deletedAt),
    revision: Number(r.revision),
    data: r.data,
    provenance: {
      instance_id: r.instanceId,
      instance_name: r.instanceName,
      connector_id: r.connectorId,
      connector_version: r.connectorVersion,
      mapping_version: r.mappingVersion,
      stream: r.stream,
      external_id: r.externalId,
      sync_execution_id: r.syncExecutionId,
      raw_hash: r.rawHash,
      raw_size: r.rawSize,
      content_hash: r.contentHash,
      fetched_at: r.fetchedAt.toISOString(),
    },
    ...(r.raw === undefined ? {} : { raw: r.raw }),
  };
}

export function toAssetJson(r: RecordView): z.infer<typeof assetJson> & { raw?: unknown } {
  return { ...toRecordJson(r), criticality: r.effectiveCriticality, tags: r.effectiveTags, annotation_sources: { criticality: r.criticalitySource, tags: r.tagsSource } };
}

export const annotateAssetBody = z
  .object({
    criticality: criticality.nullable().optional().describe('null clears the value set through the API (a mapping\'s value shows again)'),
    tags: z.array(z.string().trim().min(1).max(64)).max(50).nullable().optional().describe('Replaces the tags set through the API; null clears them'),
  })
  .strict();

export const rejectedQuery = pageQuery.extend({
  instance_id: z.uuid().optional(),
  stream: z.string().min(1).optional(),
  sync_execution_id: z.uuid().optional(),
  kind: z.enum(['invalid', 'failed']).optional().describe('invalid: failed OCSF validation; failed: the mapper or the mapping threw'),
});

export const rejectedJson = z.object({
  id: z.uuid(),
  instance_id: z.uuid(),
  stream: z.string(),
  sync_execution_id: z.uuid().nullable(),
  external_id: z.string().nullable(),
  kind: z.string(),
  reason: z.record(z.string(), z.unknown()).describe('OCSF errors (path, code, message), or the failing field and message'),
  raw: z.unknown().describe('The raw vendor payload, size-capped'),
  created_at: iso,
});

export interface RejectedRowLike {
  id: string;
  instanceId: string;
  stream: string;
  syncExecutionId: string | null;
  externalId: string | null;
  kind: string;
  reason: Record<string, unknown>;
  raw: unknown;
  createdAt: Date;
}

export function toRejectedJson(r: RejectedRowLike): z.infer<typeof rejectedJson> {
  return { id: r.id, instance_id: r.instanceId, stream: r.stream, sync_execution_id: r.syncExecutionId, external_id: r.externalId, kind: r.kind, reason: r.reason, raw: r.raw ?? null, created_at: r.createdAt.toISOString() };
}
