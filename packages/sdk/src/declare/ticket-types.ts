import type { ConnectorContext } from '../context.ts';

/**
 * Patchbay's own ticket statuses. Every ITSM maps its statuses onto these (a table per connector, which an
 * instance may override); the ticket engine reasons only in these.
 */
export const ticketStatuses = ['open', 'in_progress', 'on_hold', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];

/** Statuses at which a ticket counts as done: the SLA clock stops, and linked findings are resolved. */
export const doneTicketStatuses: readonly TicketStatus[] = ['resolved', 'closed'];

/** Priorities, 1 (most urgent) to 5, calculated by the engine from severity and asset criticality. */
export type TicketPriority = 1 | 2 | 3 | 4 | 5;

/** What the engine asks a connector to open. */
export interface TicketDraft {
  /**
   * Stable per Patchbay ticket: a connector makes `create` idempotent on it (PagerDuty's dedup_key, a Jira
   * label, ServiceNow's correlation_id), so a retry after a crash finds the ticket instead of opening another.
   */
  readonly dedupKey: string;
  readonly title: string;
  readonly description: string;
  readonly priority: TicketPriority;
  /** Vendor fields from the instance's field mapping (`customfield_10042`, `assignment_group`), already rendered. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly labels: readonly string[];
}

/** A vendor ticket as the connector reads it back. */
export interface TicketState {
  /** The vendor's key (`SEC-12`, an incident number or sys_id, a PagerDuty incident id). */
  readonly key: string;
  /** A link a person can open. */
  readonly url: string;
  /** The vendor's own status name, as the status table knows it. */
  readonly status: string;
  /** Field values the vendor holds now, for field ownership (only fields the connector reads back). */
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly updatedAt?: Date;
}

/** A change the engine asks for: any of a status move, field updates and a comment. */
export interface TicketChange {
  readonly status?: TicketStatus;
  /** A new priority (a more urgent finding joined the ticket), through the connector's priority table. */
  readonly priority?: TicketPriority;
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly comment?: string;
  /** The draft's dedup key (PagerDuty's Events API acknowledges and resolves by it). */
  readonly dedupKey: string;
}

/** A field an instance's field mapping can fill, shown in the mapping form. */
export interface TicketFieldDeclaration {
  readonly title: string;
  readonly description?: string;
  readonly type: 'string' | 'number' | 'boolean' | 'array' | 'object';
}

export interface TicketDeclaration<Config = Record<string, unknown>> {
  /** What a ticket is called at the vendor (`issue`, `incident`). */
  readonly noun: string;
  /**
   * The stream whose records are this connector's tickets: status changes reach the engine through it,
   * by polling (scheduled syncs) and by webhook when the stream takes pushed payloads. The record's
   * external id is the ticket key; its raw vendor status is read by `statusOf`.
   */
  readonly stream: string;
  /** The vendor status of a record of `stream` (its normalised OCSF data), or null when it has none. */
  readonly statusOf: (record: Readonly<Record<string, unknown>>) => string | null;
  /** Vendor status → Patchbay status. Statuses missing here count as `open` and are logged. */
  readonly statuses: Readonly<Record<string, TicketStatus>>;
  /** Fields the instance's field mapping may set (beyond title, description, priority and labels). */
  readonly fields?: Readonly<Record<string, TicketFieldDeclaration>>;
  /** Opens the ticket, or finds the one already opened with the draft's dedup key. */
  readonly create: (ctx: ConnectorContext<Config>, draft: TicketDraft) => Promise<TicketState>;
  /** Applies a change (status move, fields, comment) and returns the ticket as it is afterwards. */
  readonly update: (ctx: ConnectorContext<Config>, key: string, change: TicketChange) => Promise<TicketState>;
  /** Reads one ticket (status sync for a single ticket, conflict checks). */
  readonly get: (ctx: ConnectorContext<Config>, key: string) => Promise<TicketState>;
}

export interface TicketDefinition<Config = Record<string, unknown>> extends TicketDeclaration<Config> {
  readonly kind: 'ticket';
}
