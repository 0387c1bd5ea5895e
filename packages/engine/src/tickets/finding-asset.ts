import { sql } from 'drizzle-orm';
import { criticalities, type Db } from '@patchbay/store';
import type { AssetConditions } from './ticket-rules.ts';

/** The asset a finding is about, as the ticket engine sees it (from the same organisation's asset records). */
export interface FindingAsset {
  /** What tickets group by: the asset record's id. */
  readonly key: string;
  readonly name: string;
  readonly uid: string | null;
  /** The effective criticality: set through the API, else by the stream's mapping. */
  readonly criticality: (typeof criticalities)[number] | null;
  readonly tags: readonly string[];
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

/** The device or resource identity a finding names: `device.uid`, `device.hostname`, else the first resource's uid. */
function identityOf(record: Record<string, unknown>): { uid: string | null; hostname: string | null } {
  const device = (record.device ?? {}) as Record<string, unknown>;
  const resources = Array.isArray(record.resources) ? (record.resources as Record<string, unknown>[]) : [];
  return { uid: text(device.uid) ?? text(resources[0]?.uid), hostname: text(device.hostname) ?? text(device.name) };
}

/**
 * Finds the asset record (OCSF Device Inventory Info, 5001) a finding is about: by device uid, then by
 * hostname, preferring the finding's own instance. Matching across sources by other keys is entity
 * resolution, which a later issue brings; until then a finding without a matching asset has none.
 */
export async function assetOf(tx: Db, organizationId: string, instanceId: string | null, record: Record<string, unknown>): Promise<FindingAsset | null> {
  const { uid, hostname } = identityOf(record);
  if (!uid && !hostname) return null;
  const rows = (await tx.execute(sql`
    select r.id, r.data->'device'->>'hostname' as hostname, r.data->'device'->>'name' as name, r.data->'device'->>'uid' as uid,
      coalesce(a.criticality, a.mapping_criticality) as criticality, coalesce(a.tags, a.mapping_tags, '{}') as tags
    from records r left join asset_annotations a on a.record_id = r.id
    where r.organization_id = ${organizationId}::uuid and r.class_uid = 5001 and r.deleted_at is null
      and (${uid}::text is not null and (r.data->'device'->>'uid' = ${uid}::text or r.external_id = ${uid}::text)
        or ${hostname}::text is not null and lower(r.data->'device'->>'hostname') = lower(${hostname}::text))
    order by (r.instance_id = ${instanceId}::uuid) desc nulls last, (r.data->'device'->>'uid' = ${uid}::text) desc nulls last, r.last_seen desc
    limit 1`)) as unknown as { rows?: Record<string, unknown>[] } | Record<string, unknown>[];
  const row = (Array.isArray(rows) ? rows : (rows.rows ?? []))[0];
  if (!row) return null;
  return {
    key: String(row.id),
    name: text(row.hostname) ?? text(row.name) ?? text(row.uid) ?? String(row.id),
    uid: text(row.uid),
    criticality: (row.criticality as FindingAsset['criticality']) ?? null,
    tags: Array.isArray(row.tags) ? (row.tags as string[]) : [],
  };
}

/** Whether an asset meets a rule's asset conditions (`any` of them by default, or `all`). No asset meets none. */
export function assetMatches(asset: FindingAsset | null, conditions: AssetConditions): boolean {
  if (!asset) return false;
  const checks: boolean[] = [];
  if (conditions.criticality_at_least) {
    const rank = (c: string | null) => (c ? criticalities.indexOf(c as (typeof criticalities)[number]) : -1);
    checks.push(rank(asset.criticality) >= rank(conditions.criticality_at_least));
  }
  if (conditions.tags_any?.length) checks.push(conditions.tags_any.some((t) => asset.tags.includes(t)));
  return conditions.match === 'all' ? checks.every(Boolean) : checks.some(Boolean);
}
