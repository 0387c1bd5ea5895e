import { eq } from 'drizzle-orm';
import { connectors, syncSchedules, type Db } from '@patchbay/store';
import { PatchbayError } from '@patchbay/types';
import type { ActionLimitService } from '../actions/action-limits.ts';
import { visibleTo } from '../catalog/connectors.ts';
import { createInstanceService, type ConfigValidator } from '../instances/instances.ts';
import type { Actor } from '../lib/actor.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import { createMappingService } from '../mappings/mapping-service.ts';
import type { MappingStep } from '../mappings/compile-mapping.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import { createScheduleService } from '../schedules/schedule-service.ts';
import { createSubscriptionService } from '../subscriptions/subscriptions.ts';
import { createEndpointService } from '../webhooks/endpoints.ts';
import type { SecretBox } from '../webhooks/secret-box.ts';
import { checkDocument } from './check-document.ts';
import type { ConfigDocument, InstanceEntry, SubscriptionEntry } from './config-document.ts';
import type { SectionApplyContext } from './config-section.ts';
import { mappingKey, readConfig, type ConfigState } from './read-config.ts';
import { configSections } from './sections.ts';
import { fromYaml, toYaml } from './yaml-document.ts';

export type ChangeAction = 'create' | 'update' | 'unchanged' | 'delete';

export interface ConfigChange {
  /** instance, mapping, subscription, webhook_endpoint, or a section's kind (destination). */
  readonly kind: string;
  readonly name: string;
  readonly action: ChangeAction;
}

export interface ImportResult {
  readonly dryRun: boolean;
  readonly applied: boolean;
  readonly changes: ConfigChange[];
  readonly summary: Record<ChangeAction, number>;
}

export interface ImportOptions {
  readonly dryRun?: boolean;
  /** Delete what the hub has and the document does not (instances, mappings, subscriptions, endpoints, destinations). */
  readonly prune?: boolean;
}

interface Planned<T> {
  readonly entry: T;
  readonly action: ChangeAction;
  readonly id?: string;
}

/** Compares without the connector version (informational: the hub's installed version is used). */
const sameInstance = (a: InstanceEntry, b: InstanceEntry) => canonicalJson({ ...a, connector_version: null }) === canonicalJson({ ...b, connector_version: null });
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * Pairs desired entries with current ones: first those that match and are equal (so entries sharing a
 * name pair up with their identical twins), then those that only match (updates); the rest are created,
 * and with prune the unpaired current ones deleted.
 */
function planList<T>(desired: readonly T[], current: readonly T[], ids: (i: number) => string | undefined, match: (d: T, c: T) => boolean, equal: (a: T, b: T) => boolean, prune: boolean): Planned<T>[] {
  const used = new Set<number>();
  const paired = new Map<number, number>();
  for (const exact of [true, false]) {
    desired.forEach((entry, d) => {
      if (paired.has(d)) return;
      const i = current.findIndex((c, j) => !used.has(j) && match(entry, c) && (!exact || equal(entry, c)));
      if (i < 0) return;
      used.add(i);
      paired.set(d, i);
    });
  }
  const out: Planned<T>[] = desired.map((entry, d) => {
    const i = paired.get(d);
    if (i === undefined) return { entry, action: 'create' as const };
    return { entry, action: equal(entry, current[i]!) ? ('unchanged' as const) : ('update' as const), id: ids(i) };
  });
  if (prune) current.forEach((entry, i) => !used.has(i) && out.push({ entry, action: 'delete', id: ids(i) }));
  return out;
}

/** A subscription with a name is matched by its name; an unnamed one only by identical content. */
const matchSubscription = (d: SubscriptionEntry, c: SubscriptionEntry) => (d.name ? d.name === c.name : same(d, c));

/**
 * Configuration as code: `exportYaml` writes the organisation's configuration as one YAML document;
 * `import` checks a document (every problem at once), plans it (create, update, unchanged, and delete
 * only with prune) and applies it in ONE transaction through the same services the API uses, each
 * change audited. Importing the same document twice changes nothing the second time.
 */
export function createConfigService(
  deps: EngineDeps,
  parts: {
    registry: ConnectorRegistry;
    validateConfig: ConfigValidator;
    secretBox: SecretBox;
    actionLimits: ActionLimitService;
    /** Called after the import committed, for each entry of a section it deleted (a destination's kept connection is closed). */
    onRemoved?: (kind: string, id: string) => Promise<void> | void;
  },
) {
  const { db } = deps.database;

  async function knownConnectors(tx: Db, actor: Actor): Promise<Set<string>> {
    return new Set((await tx.select({ id: connectors.id }).from(connectors).where(visibleTo(actor))).map((c) => c.id));
  }

  function plan(doc: ConfigDocument, current: ConfigState, prune: boolean) {
    const cur = current.document;
    return {
      endpoints: planList(doc.webhook_endpoints, cur.webhook_endpoints, (i) => current.endpointIds.get(cur.webhook_endpoints[i]!.url), (d, c) => d.url === c.url, same, prune),
      instances: planList(doc.instances, cur.instances, (i) => current.instanceIds.get(cur.instances[i]!.name), (d, c) => d.name === c.name, sameInstance, prune),
      mappings: planList(doc.mappings, cur.mappings, (i) => current.mappingIds.get(mappingKey(cur.mappings[i]!)), (d, c) => mappingKey(d) === mappingKey(c), same, prune),
      subscriptions: planList(doc.subscriptions, cur.subscriptions, (i) => current.subscriptionIds[i], matchSubscription, same, prune),
      sections: configSections.map((section) => {
        const ids = current.sectionIds.get(section.key) ?? [];
        const list = (d: ConfigDocument) => (d as unknown as Record<string, unknown[]>)[section.key] ?? [];
        return { section, steps: planList(list(doc), list(cur), (i) => ids[i], (d, c) => section.matches(d, c), same, prune) };
      }),
    };
  }

  async function apply(tx: Db, actor: Actor, steps: ReturnType<typeof plan>): Promise<void> {
    const txDeps: EngineDeps = { ...deps, database: { ...deps.database, db: tx } };
    const instances = createInstanceService(txDeps, parts.validateConfig);
    const schedules = createScheduleService(txDeps, instances, parts.registry);
    const mappings = createMappingService(txDeps, parts.registry);
    const subscriptions = createSubscriptionService(txDeps, undefined, parts.registry);
    const endpoints = createEndpointService(txDeps, parts.secretBox);
    const now = await readConfig(tx, actor.organizationId);
    const credentials = now.credentialIds;
    const instanceIds = new Map<string, string>(now.instanceIds);
    const endpointIds = new Map<string, string>(now.endpointIds);

    for (const step of steps.endpoints) {
      const e = step.entry;
      const input = { url: e.url, description: e.description, isActive: e.is_active, allowPrivateNetwork: e.allow_private_network };
      if (step.action === 'create') endpointIds.set(e.url, (await endpoints.create(actor, input)).endpoint.id);
      if (step.action === 'update') await endpoints.update(actor, step.id!, input);
    }
    for (const step of steps.instances) {
      const e = step.entry;
      if (step.action === 'unchanged' || step.action === 'delete') continue;
      const fields = { name: e.name, configuration: e.configuration, connectionUrl: e.connection_url, authConfigId: e.credential ? credentials.get(e.credential)!.id : null, allowPrivateNetwork: e.allow_private_network };
      const id = step.action === 'create' ? (await instances.create(actor, { ...fields, connectorId: e.connector })).id : (await instances.update(actor, step.id!, fields)).id;
      instanceIds.set(e.name, id);
      for (const s of await tx.select({ id: syncSchedules.id }).from(syncSchedules).where(eq(syncSchedules.instanceId, id))) await schedules.remove(actor, s.id);
      for (const s of e.schedules) {
        await schedules.create(actor, { instanceId: id, stream: s.stream, scheduleType: s.schedule_type, intervalMinutes: s.interval_minutes, cronExpression: s.cron_expression, timezone: s.timezone, eventTrigger: s.event_trigger, isActive: s.is_active });
      }
      await parts.actionLimits.replaceIn(tx, actor, id, e.action_limits.map((l) => ({ action: l.action, maxRuns: l.max_runs, perSeconds: l.per_seconds })));
    }
    for (const step of steps.mappings) {
      const m = step.entry;
      const body = { name: m.name, fieldMappings: m.field_mappings, transformations: m.transformations as unknown as MappingStep[], active: m.active };
      if (step.action === 'create') await mappings.create(actor, { ...body, instanceId: instanceIds.get(m.instance)!, stream: m.stream });
      if (step.action === 'update') await mappings.update(actor, step.id!, body);
    }
    const actionConfigOf = (s: SubscriptionEntry): Record<string, unknown> => {
      if (s.action_type === 'webhook') return { endpoint_id: endpointIds.get(s.action.endpoint!) };
      const instance_id = instanceIds.get(s.action.instance!);
      if (s.action_type === 'sync') return s.action.stream === undefined ? { instance_id } : { instance_id, stream: s.action.stream };
      return { instance_id, action: s.action.action, input: s.action.input ?? {} };
    };
    for (const step of steps.subscriptions) {
      const s = step.entry;
      const input = { name: s.name, eventType: s.event_type, instanceId: s.instance === null ? null : instanceIds.get(s.instance)!, filterCriteria: s.filter_criteria, actionType: s.action_type, actionConfig: actionConfigOf(s), isActive: s.is_active };
      if (step.action === 'create') await subscriptions.create(actor, input);
      if (step.action === 'update') await subscriptions.update(actor, step.id!, input);
      if (step.action === 'delete') await subscriptions.remove(actor, step.id!);
    }
    const sectionContext: SectionApplyContext = { deps: txDeps, actor, registry: parts.registry, instanceIds };
    for (const { section, steps: list } of steps.sections) {
      for (const step of list) {
        if (step.action === 'create') await section.create(sectionContext, step.entry);
        if (step.action === 'update') await section.update(sectionContext, step.id!, step.entry);
      }
    }
    // Deletes run in reverse order of dependency: a section's entries before the instances they name.
    for (const { section, steps: list } of [...steps.sections].reverse()) for (const step of list) if (step.action === 'delete') await section.remove(sectionContext, step.id!);
    for (const step of steps.mappings) if (step.action === 'delete') await mappings.remove(actor, step.id!);
    for (const step of steps.instances) if (step.action === 'delete') await instances.remove(actor, step.id!);
    for (const step of steps.endpoints) if (step.action === 'delete') await endpoints.remove(actor, step.id!);
  }

  return {
    /** The organisation's configuration as a document (secrets never included). */
    async exportDocument(actor: Actor): Promise<ConfigDocument> {
      return (await readConfig(db, actor.organizationId)).document;
    },
    async exportYaml(actor: Actor): Promise<string> {
      return toYaml((await readConfig(db, actor.organizationId)).document);
    },
    parseYaml: fromYaml,

    /** Checks, plans and (unless dry run) applies a document atomically. Any problem: CONFIG_IMPORT_INVALID listing them all, nothing applied. */
    async import(actor: Actor, raw: unknown, options: ImportOptions = {}): Promise<ImportResult> {
      const document = typeof raw === 'string' ? fromYaml(raw) : raw;
      const result = await db.transaction(async (tx) => {
        const current = await readConfig(tx, actor.organizationId);
        const { document: doc, issues } = checkDocument(document, current, parts.registry, await knownConnectors(tx, actor));
        if (!doc || issues.length) {
          throw new PatchbayError('CONFIG_IMPORT_INVALID', { field: issues[0]?.field, message: `The document has ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${issues.slice(0, 5).map((i) => `${i.field}: ${i.message}`).join('; ')}`, details: { errors: issues } });
        }
        const steps = plan(doc, current, options.prune ?? false);
        const changes: ConfigChange[] = [
          ...steps.endpoints.map((s) => ({ kind: 'webhook_endpoint' as const, name: s.entry.url, action: s.action })),
          ...steps.instances.map((s) => ({ kind: 'instance' as const, name: s.entry.name, action: s.action })),
          ...steps.mappings.map((s) => ({ kind: 'mapping' as const, name: mappingKey(s.entry), action: s.action })),
          ...steps.subscriptions.map((s) => ({ kind: 'subscription' as const, name: s.entry.name || `${s.entry.event_type} → ${s.entry.action_type}`, action: s.action })),
          ...steps.sections.flatMap(({ section, steps: list }) => list.map((s) => ({ kind: section.kind, name: section.name(s.entry), action: s.action }))),
        ];
        const summary = { create: 0, update: 0, unchanged: 0, delete: 0 };
        for (const c of changes) summary[c.action] += 1;
        if (!options.dryRun) await apply(tx, actor, steps);
        const removed = options.dryRun ? [] : steps.sections.flatMap(({ section, steps: list }) => list.filter((s) => s.action === 'delete').map((s) => ({ kind: section.kind, id: s.id! })));
        return { outcome: { dryRun: options.dryRun ?? false, applied: !options.dryRun && summary.unchanged < changes.length, changes, summary }, removed };
      });
      for (const r of result.removed) await parts.onRemoved?.(r.kind, r.id);
      return result.outcome;
    },
  };
}

export type ConfigService = ReturnType<typeof createConfigService>;
