import type { z } from 'zod';
import type { ConnectorContext } from '../context.ts';

/** The OCSF class a stream's records map to: the class `name` (`detection_finding`), its `class_uid`, or both. */
export interface OcsfTarget {
  readonly class?: string;
  readonly classUid?: number;
}

/** One page a stream yields: raw vendor records, then the checkpoint to resume from after them. */
export interface StreamPage<Raw, Checkpoint> {
  readonly records: readonly Raw[];
  readonly checkpoint: Checkpoint;
}

/** What the engine tells a mapper besides the raw record. Mappers are pure: no clock, no I/O. */
export interface MapMeta {
  readonly connector: { readonly id: string; readonly name: string; readonly vendor: string; readonly version: string };
  readonly stream: string;
  readonly instanceId: string;
  /** When the engine received the page holding the record. */
  readonly receivedAt: Date;
}

/** An OCSF object; the engine validates it against the pinned OCSF schema for the stream's class. */
export type OcsfRecord = Readonly<Record<string, unknown>>;

/** A field of the raw record holding its vendor id, or a function computing it. */
export type PrimaryKey<Raw> = (keyof Raw & string) | ((raw: Raw) => string);

export interface StreamSchedule {
  /** How often the engine runs the stream by default; administrators can change it per instance. */
  readonly intervalMinutes: number;
}

export interface StreamDeclaration<Raw, CheckpointSchema extends z.ZodType, Config = Record<string, unknown>> {
  /** Plural or mass noun, kebab-case: `alerts`, `system-log`. */
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly ocsf: OcsfTarget;
  readonly primaryKey: PrimaryKey<Raw>;
  /** Zod schema of the checkpoint; stored as JSON and parsed with this schema on resume. */
  readonly checkpoint: CheckpointSchema;
  /** true: every run reads everything and the engine marks records it did not see as deleted. */
  readonly fullRefresh: boolean;
  /** Vendor permissions or scopes the stream needs. */
  readonly permissions: readonly string[];
  readonly schedule?: StreamSchedule;
  /** Yields pages of raw records, each followed by the checkpoint to resume from; `undefined` on the first run. */
  readonly fetch: (
    ctx: ConnectorContext<Config>,
    checkpoint: z.output<CheckpointSchema> | undefined,
  ) => AsyncIterable<StreamPage<Raw, z.output<CheckpointSchema>>>;
  /** Maps one raw record to OCSF. Pure. */
  readonly map: (raw: Raw, meta: MapMeta) => OcsfRecord;
}

export interface StreamDefinition<Raw, CheckpointSchema extends z.ZodType, Config = Record<string, unknown>>
  extends StreamDeclaration<Raw, CheckpointSchema, Config> {
  readonly kind: 'stream';
}

/** Any stream, whatever its raw, checkpoint and config types: what a connector's list holds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStream = StreamDeclaration<any, z.ZodType, any>;
