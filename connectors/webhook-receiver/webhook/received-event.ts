import type { Sender } from './presets.ts';

/**
 * The raw record of the `events` stream: one record of a delivery, with what the instance settings
 * located in it. The mapper needs nothing else, so it stays pure and free of settings.
 */
export interface ReceivedEvent {
  /** From `id_field`, else the delivery id (`:index` for each record of an array), else a content hash. */
  readonly id: string;
  /** `source_name` of the instance: the product that sent it. */
  readonly source: string;
  /** The header's event type and the field's, joined by a dot (`issues.opened`); null when neither is set. */
  readonly event_type: string | null;
  /** The value found at `time_field`, as sent; null when there is none. */
  readonly time: unknown;
  /** The value found at `severity_field`, as sent; null when there is none. */
  readonly severity: unknown;
  /** When Patchbay received the delivery (ISO 8601). */
  readonly received_at: string;
  readonly delivery_id: string | null;
  /** The sender the headers identified, whose documented layout filled unset fields. */
  readonly sender: Sender;
  /** The record as the sender posted it. */
  readonly payload: unknown;
}
