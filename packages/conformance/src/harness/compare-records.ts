import { isDeepStrictEqual } from 'node:util';
import { recordKey, type AnyStream, type MapMeta } from '@patchbay/sdk';
import { CheckFailure } from './check-failure.ts';
import type { ScenarioEnv } from './scenario-env.ts';

interface StoredRecord {
  readonly external_id: string;
  readonly data: unknown;
  readonly deleted_at: unknown;
  readonly fetched_at: unknown;
}

export interface StreamDifference {
  readonly stream: string;
  /** At the vendor, not live in the database: lost. */
  readonly missing: readonly string[];
  /** Live in the database, gone from (or never at) the vendor. */
  readonly unexpected: readonly string[];
  /** Stored data differs from what the mapper makes of the vendor's current record. */
  readonly stale: readonly string[];
  /** Ids with more than one `record.created` event: duplicated downstream. */
  readonly duplicated: readonly string[];
}

const SAMPLE = 10;

/** The vendor id of a raw record, by the stream's own primary key. */
function idOf(stream: AnyStream, raw: unknown): string {
  return recordKey<Record<string, unknown>>(stream, raw as Record<string, unknown>);
}

function metaFor(env: ScenarioEnv, stream: AnyStream, receivedAt: Date): MapMeta {
  const { connector } = env;
  return { connector: { id: connector.id, name: connector.name, vendor: connector.vendor, version: connector.version }, stream: stream.name, instanceId: env.instance.id, receivedAt };
}

async function diffStream(env: ScenarioEnv, stream: AnyStream): Promise<StreamDifference> {
  const vendor = env.dataStreams.includes(stream) ? env.simulator.records(stream.name) : [];
  const expected = new Map(vendor.map((raw) => [idOf(stream, raw), raw] as const));
  const rows = await env.database.query<StoredRecord>(
    'select external_id, data, deleted_at, fetched_at from records where instance_id = $1 and stream = $2',
    [env.instance.id, stream.name],
  );
  const live = rows.filter((row) => row.deleted_at === null);
  const liveIds = new Set(live.map((row) => row.external_id));
  const stale: string[] = [];
  for (const row of live) {
    const raw = expected.get(row.external_id);
    if (raw === undefined) continue;
    const mapped: unknown = JSON.parse(JSON.stringify(stream.map(raw, metaFor(env, stream, new Date(row.fetched_at as string)))));
    if (!isDeepStrictEqual(mapped, row.data)) stale.push(row.external_id);
  }
  const events = await env.database.query<{ external_id: string }>(
    `select data->>'external_id' as external_id from outbox where instance_id = $1 and type = 'record.created' and data->>'stream' = $2
     group by 1 having count(*) > 1`,
    [env.instance.id, stream.name],
  );
  return {
    stream: stream.name,
    missing: [...expected.keys()].filter((id) => !liveIds.has(id)),
    unexpected: [...liveIds].filter((id) => !expected.has(id)),
    stale,
    duplicated: events.map((e) => e.external_id),
  };
}

function isClean(d: StreamDifference): boolean {
  return d.missing.length + d.unexpected.length + d.stale.length + d.duplicated.length === 0;
}

function sampled(d: StreamDifference) {
  const cut = (ids: readonly string[]) => ({ count: ids.length, ids: ids.slice(0, SAMPLE) });
  return { stream: d.stream, missing: cut(d.missing), unexpected: cut(d.unexpected), stale: cut(d.stale), duplicated: cut(d.duplicated) };
}

/**
 * Fails unless the live records of every stream are exactly the vendor's: no record lost, none left over
 * after the vendor deleted it, each stored as the mapper makes it from the vendor's latest version, and
 * each announced by exactly one `record.created` event.
 */
export async function expectDatabaseMatchesVendor(env: ScenarioEnv, when: string): Promise<void> {
  const differences: StreamDifference[] = [];
  for (const stream of env.connector.streams ?? []) differences.push(await diffStream(env, stream));
  const dirty = differences.filter((d) => !isClean(d));
  if (dirty.length > 0) {
    const first = dirty[0]!;
    const what = [
      first.missing.length ? `${first.missing.length} lost` : '',
      first.unexpected.length ? `${first.unexpected.length} left over` : '',
      first.stale.length ? `${first.stale.length} stale` : '',
      first.duplicated.length ? `${first.duplicated.length} created twice` : '',
    ].filter(Boolean);
    throw new CheckFailure(`${when}: stream ${first.stream} differs from the vendor (${what.join(', ')})`, { differences: dirty.map(sampled) });
  }
}
