import type { EventEnvelope } from '../../events/envelope.ts';

/** One outbox event as the formats see it. */
export interface FormatInput {
  /** The outbox event id. */
  readonly id: string;
  readonly instanceId: string | null;
  readonly envelope: EventEnvelope;
}

/** Settings a destination may give its format (each format reads the ones it knows). */
export interface FormatOptions {
  /** RFC 5424 HOSTNAME, Splunk HEC `host` (default: the hub's host name). */
  readonly hostname?: string;
  /** RFC 5424 APP-NAME (default `patchbay`). */
  readonly app_name?: string;
  /** Syslog facility 0-23 (default 16, local0). */
  readonly facility?: number;
  /** RFC 5424 SD-ID of the structured data element (default `patchbay@32473`). */
  readonly sd_id?: string;
  /** Splunk HEC fields. */
  readonly index?: string;
  readonly source?: string;
  readonly sourcetype?: string;
  /** LEEF attribute delimiter: one character (default `^`); a tab is written `x09` in the header. */
  readonly leef_delimiter?: string;
  /** The JSONata template of the `jsonata` format, over `{ id, type, timestamp, instance_id, data, record }`. */
  readonly template?: string;
}

/** A rendered event: text for the line formats, an object for the JSON ones. */
export type Rendered = string | Record<string, unknown>;
