import type { ConnectorContext } from '../context.ts';
import type { LookupCallback } from '../http/ssrf-guard.ts';

/**
 * The formats the engine renders events into before a destination sends them (pure functions in the
 * engine, one per format; see docs/destinations.md for the specs they follow).
 */
export const destinationFormats = ['ocsf-json', 'splunk-hec', 'cef', 'leef', 'rfc5424', 'jsonata'] as const;
export type DestinationFormat = (typeof destinationFormats)[number];

/** One outbox event, already rendered in the destination's format. */
export interface DestinationEvent {
  /** The outbox event id: stable across retries and replays, so receivers may deduplicate on it. */
  readonly id: string;
  /** The outbox sequence number: batches are in ascending order. */
  readonly seq: number;
  readonly type: string;
  readonly occurredAt: Date;
  /** The source instance (ordering is per source). */
  readonly instanceId: string | null;
  /** The OCSF severity_id of the record the event is about, when it has one (syslog PRI, HEC fields). */
  readonly severityId: number | null;
  /** Text formats (CEF, LEEF, RFC 5424, a template giving a string) are strings; JSON formats objects. */
  readonly body: string | Readonly<Record<string, unknown>>;
}

export interface DestinationBatch {
  readonly format: DestinationFormat;
  readonly events: readonly DestinationEvent[];
  /** Whether the batch is a replay of events sent (or skipped) before. */
  readonly replay: boolean;
}

/**
 * What a destination's `send` and `connect` receive: the connector context plus the network guard for
 * raw sockets (TCP, TLS, UDP). HTTP destinations use `ctx.http`, which applies the guard itself.
 */
export interface DestinationContext<Config = Record<string, unknown>> extends ConnectorContext<Config> {
  /**
   * Throws HOST_NOT_ALLOWED or PRIVATE_NETWORK_BLOCKED (PatchbayError) when the connector may not reach
   * `host`: not among its allowed hosts, or a private address without the instance's allow_private_network.
   */
  readonly checkHost: (host: string) => void;
  /** A `lookup` for `net.connect`, `tls.connect` and `dgram` that refuses private addresses (DNS rebinding). */
  readonly lookup: (hostname: string, options: object | number | undefined, callback: LookupCallback) => void;
}

/** A connection a destination keeps between batches (a syslog TCP stream); the engine closes it when idle or failing. */
export interface DestinationConnection {
  /** Resolves once the receiver has the batch (written and flushed, or acknowledged); throws a PatchbayError otherwise. */
  send(batch: DestinationBatch): Promise<void>;
  close(): Promise<void>;
}

export interface DestinationDeclaration<Config = Record<string, unknown>> {
  /** The formats this destination accepts; the first is the default. */
  readonly formats: readonly DestinationFormat[];
  /** Largest batch the engine hands over (events; default 500). */
  readonly maxBatchEvents?: number;
  /**
   * Stateless sending (an HTTP API such as Splunk HEC or the Logs Ingestion API): resolves only once the
   * receiver acknowledged the whole batch; the engine then advances the destination's cursor.
   */
  readonly send?: (ctx: DestinationContext<Config>, batch: DestinationBatch) => Promise<void>;
  /** Connection-oriented sending (syslog over TCP/TLS): one connection kept between batches. */
  readonly connect?: (ctx: DestinationContext<Config>) => Promise<DestinationConnection>;
}

export interface DestinationDefinition<Config = Record<string, unknown>> extends DestinationDeclaration<Config> {
  readonly kind: 'destination';
}
