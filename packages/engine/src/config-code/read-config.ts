import { and, eq, isNotNull } from 'drizzle-orm';
import { actionLimits, authConfigs, dataMappings, eventSubscriptions, integrationInstances, syncSchedules, webhookEndpoints, type Db } from '@patchbay/store';
import { canonicalJson } from '../lib/canonical-json.ts';
import type { ConfigDocument, EndpointEntry, InstanceEntry, MappingEntry, SectionLists, SubscriptionEntry } from './config-document.ts';
import { CONFIG_DOCUMENT_VERSION } from './config-document.ts';
import { configSections } from './sections.ts';

/** The ids behind the names of a document read from the hub: what an import compares against and changes. */
export interface ConfigState {
  readonly document: ConfigDocument;
  readonly instanceIds: ReadonlyMap<string, string>;
  readonly mappingIds: ReadonlyMap<string, string>;
  readonly subscriptionIds: readonly string[];
  readonly endpointIds: ReadonlyMap<string, string>;
  readonly credentialIds: ReadonlyMap<string, { id: string; authType: string }>;
  /** Per section key: the ids of the document's entries of that section, in the same order. */
  readonly sectionIds: ReadonlyMap<string, readonly string[]>;
}

export const mappingKey = (m: Pick<MappingEntry, 'instance' | 'name'>) => `${m.instance}/${m.name}`;
const byText = <T>(key: (t: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Reads an organisation's configuration as a document (entries sorted, so equal states are equal text). */
export async function readConfig(tx: Db, organizationId: string): Promise<ConfigState> {
  const configs = await tx.select({ id: authConfigs.id, name: authConfigs.name, authType: authConfigs.authType }).from(authConfigs).where(eq(authConfigs.organizationId, organizationId));
  const configById = new Map(configs.map((c) => [c.id, c]));
  const instances = await tx.select().from(integrationInstances).where(eq(integrationInstances.organizationId, organizationId));
  const nameOf = new Map(instances.map((i) => [i.id, i.name]));
  const schedules = await tx.select().from(syncSchedules).where(eq(syncSchedules.organizationId, organizationId));
  const limits = await tx.select().from(actionLimits).where(eq(actionLimits.organizationId, organizationId));
  const mappings = await tx.select().from(dataMappings).where(eq(dataMappings.organizationId, organizationId));
  const endpoints = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.organizationId, organizationId));
  const endpointUrl = new Map(endpoints.map((e) => [e.id, e.url]));
  // Event schedules own a subscription each: it comes back with the schedule, so it is not listed on its own.
  const owned = new Set((await tx.select({ id: syncSchedules.subscriptionId }).from(syncSchedules).where(and(eq(syncSchedules.organizationId, organizationId), isNotNull(syncSchedules.subscriptionId)))).map((r) => r.id));
  const subscriptions = (await tx.select().from(eventSubscriptions).where(eq(eventSubscriptions.organizationId, organizationId))).filter((s) => !owned.has(s.id));

  const instanceEntries: InstanceEntry[] = instances.map((i) => ({
    name: i.name,
    connector: i.connectorId,
    connector_version: i.connectorVersion,
    credential: i.authConfigId ? (configById.get(i.authConfigId)?.name ?? null) : null,
    configuration: i.configuration,
    connection_url: i.connectionUrl,
    allow_private_network: i.allowPrivateNetwork,
    schedules: schedules
      .filter((s) => s.instanceId === i.id)
      .map((s) => ({ stream: s.stream, schedule_type: s.scheduleType, interval_minutes: s.intervalMinutes, cron_expression: s.cronExpression, timezone: s.timezone, event_trigger: s.eventTrigger, is_active: s.isActive }))
      .sort(byText((s) => canonicalJson(s))),
    action_limits: limits
      .filter((l) => l.instanceId === i.id)
      .map((l) => ({ action: l.action, max_runs: l.maxRuns, per_seconds: l.perSeconds }))
      .sort(byText((l) => l.action)),
  }));
  const mappingEntries: MappingEntry[] = mappings.map((m) => ({ name: m.name, instance: nameOf.get(m.instanceId) ?? m.instanceId, stream: m.stream, field_mappings: m.fieldMappings, transformations: m.transformations as Record<string, unknown>[], active: m.active }));
  const subscriptionEntries: SubscriptionEntry[] = subscriptions.map((s) => {
    const c = s.actionConfig;
    const instance = typeof c.instance_id === 'string' ? (nameOf.get(c.instance_id) ?? c.instance_id) : undefined;
    const action =
      s.actionType === 'webhook'
        ? { endpoint: endpointUrl.get(String(c.endpoint_id)) ?? String(c.endpoint_id) }
        : s.actionType === 'sync'
          ? { instance, ...(typeof c.stream === 'string' ? { stream: c.stream } : {}) }
          : { instance, action: String(c.action), input: (c.input ?? {}) as Record<string, unknown> };
    return { name: s.name, event_type: s.eventType, instance: s.instanceId ? (nameOf.get(s.instanceId) ?? s.instanceId) : null, filter_criteria: s.filterCriteria, action_type: s.actionType, action, is_active: s.isActive };
  });
  const endpointEntries: EndpointEntry[] = endpoints.map((e) => ({ url: e.url, description: e.description, is_active: e.isActive, allow_private_network: e.allowPrivateNetwork }));
  const used = new Set(instanceEntries.flatMap((i) => (i.credential ? [i.credential] : [])));

  const lists: Record<string, unknown[]> = {};
  const sectionIds = new Map<string, string[]>();
  for (const section of configSections) {
    const rows = await section.read(tx, { organizationId, instanceName: (id) => nameOf.get(id) ?? id });
    lists[section.key] = rows.map((r) => r.entry);
    sectionIds.set(section.key, rows.map((r) => r.id));
  }

  const subscriptionOrder = subscriptionEntries.map((entry, i) => ({ entry, id: subscriptions[i]!.id })).sort((a, b) => byText<SubscriptionEntry>((s) => `${s.name}\u0000${canonicalJson(s)}`)(a.entry, b.entry));
  return {
    document: {
      patchbay: CONFIG_DOCUMENT_VERSION,
      credentials: configs.filter((c) => used.has(c.name)).map((c) => ({ name: c.name, auth_type: c.authType })).sort(byText((c) => c.name)),
      instances: instanceEntries.sort(byText((i) => i.name)),
      mappings: mappingEntries.sort(byText(mappingKey)),
      subscriptions: subscriptionOrder.map((s) => s.entry),
      webhook_endpoints: endpointEntries.sort(byText((e) => e.url)),
      ...(lists as unknown as SectionLists),
    },
    instanceIds: new Map(instances.map((i) => [i.name, i.id])),
    mappingIds: new Map(mappings.map((m) => [mappingKey({ instance: nameOf.get(m.instanceId) ?? m.instanceId, name: m.name }), m.id])),
    subscriptionIds: subscriptionOrder.map((s) => s.id),
    endpointIds: new Map(endpoints.map((e) => [e.url, e.id])),
    credentialIds: new Map(configs.map((c) => [c.name, { id: c.id, authType: c.authType }])),
    sectionIds,
  };
}
