import type { Db } from '@patchbay/store';
import type { Actor } from '../lib/actor.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';

export interface DocumentIssue {
  readonly field: string;
  readonly message: string;
}

/** What a section reads with: the organisation, and instance names by id. */
export interface SectionReadContext {
  readonly organizationId: string;
  readonly instanceName: (id: string) => string;
}

/** What a section checks against: instance names and connectors (in the document or the hub), the hub's entries of this section. */
export interface SectionCheckContext<E> {
  readonly instanceNames: ReadonlySet<string>;
  /** Instance name → connector id. */
  readonly connectorOf: ReadonlyMap<string, string>;
  readonly registry: ConnectorRegistry;
  /** The hub's current entries of this section. */
  readonly current: readonly E[];
}

/** What a section applies with: the import's transaction (deps.database.db is it), the actor, instance ids by name after the instances' changes. */
export interface SectionApplyContext {
  readonly deps: EngineDeps;
  readonly actor: Actor;
  readonly registry: ConnectorRegistry;
  readonly instanceIds: ReadonlyMap<string, string>;
}

/**
 * One top-level list of the configuration document that plugs into export and import: it reads its
 * entries (sorted, keyed by names), checks a document's entries (every problem, nothing thrown), says which
 * current entry a desired one is (planning), and creates, updates and deletes through the same service the
 * API uses, inside the import's transaction. Instances, mappings, subscriptions and webhook endpoints are
 * written out in config-service.ts; later lists (destinations, and ticket rules and SLA policies when the
 * ticket engine adds them) are sections: add the entry schema to config-document.ts and the section to
 * `configSections` (sections.ts).
 */
export interface ConfigSection<E> {
  /** The document's key (`destinations`). */
  readonly key: string;
  /** The plan's change kind (`destination`). */
  readonly kind: string;
  read(tx: Db, ctx: SectionReadContext): Promise<{ entry: E; id: string }[]>;
  /** How the plan names an entry. */
  name(entry: E): string;
  /** Whether a desired entry is this current one (updated when it differs). */
  matches(desired: E, current: E): boolean;
  check(entries: readonly E[], ctx: SectionCheckContext<E>): DocumentIssue[];
  create(ctx: SectionApplyContext, entry: E): Promise<void>;
  update(ctx: SectionApplyContext, id: string, entry: E): Promise<void>;
  remove(ctx: SectionApplyContext, id: string): Promise<void>;
}
