import type { AnyConnector, Transport } from '@patchbay/sdk';
import type { Database } from '@patchbay/store';
import { systemClock, type Clock } from '@patchbay/types';
import { readAudit, type AuditFilter } from './audit/read-audit.ts';
import { verifyAudit } from './audit/verify-audit.ts';
import { createAuthenticator } from './auth/authenticate.ts';
import { createTokenService } from './auth/tokens.ts';
import type { CatalogEntry } from './catalog/catalog-entry.ts';
import { createConnectorService } from './catalog/connectors.ts';
import { createCollectionService } from './catalog/collections.ts';
import { createReviewService } from './catalog/reviews.ts';
import { syncCatalog } from './catalog/sync-catalog.ts';
import { createInstanceService, type ConfigValidator } from './instances/instances.ts';
import type { EngineDeps } from './lib/engine-deps.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { systemActor } from './lib/actor.ts';
import { bootstrap } from './organizations/bootstrap.ts';
import { catalogEntryOf } from './runtime/catalog-from-definitions.ts';
import { createConnectorRegistry } from './runtime/connector-registry.ts';
import { configValidator } from './runtime/validate-config.ts';
import { createSyncService, type AuthResolver } from './sync/sync-service.ts';
import { createMappingResolver } from './mappings/mapping-resolver.ts';
import { createMappingService } from './mappings/mapping-service.ts';
import { createLiveSampler } from './mappings/live-sample.ts';
import { createRecordService } from './records/record-service.ts';
import { createConnectionTester } from './instances/test-connection.ts';
import { createOrganizationService } from './organizations/organizations.ts';
import { createUserService } from './organizations/users.ts';
import { createVault, type VaultOptions } from './vault/create-vault.ts';
import { instanceAuthResolver } from './vault/instance-auth.ts';
import { createEventsService, type EventsOptions } from './events/service.ts';
import { createSecretBox } from './webhooks/secret-box.ts';
import { createRegisteredConnectorService } from './catalog/registered-connectors.ts';
import { resolveLimits, type ProcessCredentialResolver, type ProcessLimitsInput } from './process/index.ts';
import { createObservability, type ObservabilityOptions } from './health/create-observability.ts';
import { createScheduleService } from './schedules/schedule-service.ts';
import { createScheduler } from './schedules/scheduler.ts';
import { createJobRuntime } from './workers/job-runtime.ts';
import type { HousekeepingTask } from './workers/housekeeping.ts';
import { createDestinations, type DestinationsOptions } from './destinations/index.ts';
import { createActionLimitService } from './actions/action-limits.ts';
import { createActionRunService, type ActionsOptions } from './actions/action-runs.ts';
import { createConfigService } from './config-code/config-service.ts';
import { createComplianceMetrics, type ComplianceOptions } from './compliance/compliance-metrics.ts';
import { createTickets, type TicketsOptions } from './tickets/index.ts';

export interface EngineOptions {
  readonly database: Database;
  readonly clock?: Clock;
  readonly log?: Logger;
  /** The connectors this process can run (the built-ins); their declarations fill the catalogue. */
  readonly connectors?: readonly AnyConnector[];
  /** Extra catalogue rows without a runnable definition (tests). */
  readonly catalog?: readonly CatalogEntry[];
  readonly validateConfig?: ConfigValidator;
  /** Resolves an instance's credentials for its connector (the vault). */
  readonly authFor?: AuthResolver;
  /** Replaces the network layer of every connector (record/replay, tests). */
  readonly transport?: Transport;
  /** The credential vault: key provider, public URL for OAuth callbacks, credential tester. */
  readonly vault?: VaultOptions;
  /** Limits for process-protocol connector programs (timeouts, line and page sizes). */
  readonly processLimits?: ProcessLimitsInput;
  /** Credentials handed to connector programs on stdin for an instance (the vault); none when absent. */
  readonly processCredentials?: ProcessCredentialResolver;
  /** Events, subscriptions and webhooks (in and out): loop and retry settings, the inbound public URL. */
  readonly events?: EventsOptions;
  /** Logs, health, metrics, freshness: how often buffered HTTP metrics are written, interval overrides. */
  readonly observability?: ObservabilityOptions;
  /** Response actions: how long a high-impact run waits for its approval (default 24 h). */
  readonly actions?: ActionsOptions;
  /** SIEM destinations: batch size, lease, gap grace, send timeout and poll interval of the delivery loop. */
  readonly destinations?: DestinationsOptions;
  /** Ticketing: batch size, gap grace and poll interval of the ticket loop. */
  readonly tickets?: TicketsOptions;
  /** Compliance metrics on a schedule: the interval (default hourly). */
  readonly compliance?: ComplianceOptions;
  /** Demo mode (`patchbay serve --demo`): the hub holds sample data from local vendor simulators, and its API says so. */
  readonly demo?: boolean;
}

const MINUTE = 60_000;

/** What the scheduler's process runs besides schedules: stale streams every minute, retention and expiring credentials hourly. */
function housekeepingTasks(observability: ReturnType<typeof createObservability>, vault: ReturnType<typeof createVault>, actions?: ReturnType<typeof createActionRunService>, tickets?: ReturnType<typeof createTickets>): HousekeepingTask[] {
  return [
    { name: 'freshness', everyMs: MINUTE, run: () => observability.checkFreshness() },
    { name: 'retention', everyMs: 60 * MINUTE, run: () => observability.prune() },
    { name: 'credential-expiry', everyMs: 60 * MINUTE, run: () => vault.checkExpiring() },
    ...(actions ? [{ name: 'action-expiry', everyMs: MINUTE, run: () => actions.checkExpiry() }] : []),
    ...(actions ? [{ name: 'action-recovery', everyMs: MINUTE, run: () => actions.recoverLost() }] : []),
    ...(tickets ? [{ name: 'ticket-sla', everyMs: MINUTE, run: async () => void (await tickets.checkSla()) }] : []),
  ];
}

/** Wires the services over one database. Nothing here listens or schedules: callers start what they need. */
export function createEngine(options: EngineOptions) {
  const deps: EngineDeps = { database: options.database, clock: options.clock ?? systemClock, log: options.log ?? createLogger() };
  const registry = createConnectorRegistry(options.connectors ?? []);
  const instances = createInstanceService(deps, options.validateConfig ?? configValidator(registry));
  const vault = createVault(deps, options.vault);
  const authFor = options.authFor ?? instanceAuthResolver(deps, registry, vault.authApplierFor);
  const observability = createObservability(deps, { registry, instances }, options.observability);
  const runtime = { registry, instances, authFor, transport: options.transport, observer: observability.observer, mappingFor: createMappingResolver(deps, registry) };
  // Webhook secrets are sealed with the vault's data keys (same KEKs and cache, re-wrapped by key rotation).
  const secretBox = createSecretBox(vault.dataKeys);
  const sync = createSyncService(deps, runtime);
  const actionLimits = createActionLimitService(deps, registry);
  // A run is owned by this process's worker session, so that housekeeping can fail runs whose process died.
  const actions = createActionRunService(deps, registry, instances, runtime, actionLimits, options.actions, () => sync.workers.session());
  const publicUrl = options.events?.inbound?.publicUrl ?? options.vault?.publicUrl ?? process.env.PATCHBAY_PUBLIC_URL;
  const events = createEventsService(deps, secretBox, registry, (actor, id, run) => sync.start(actor, id, run), { ...options.events, inbound: { ...options.events?.inbound, publicUrl } }, async (t) => {
    await actions.invoke(systemActor(t.organizationId, `subscription:${t.subscriptionId}`), { instanceId: t.instanceId, action: t.action, input: t.input, recordId: t.recordId, subscriptionId: t.subscriptionId });
  });
  const catalog = [...registry.list().map((c) => catalogEntryOf(c)), ...(options.catalog ?? [])];
  const registeredConnectors = createRegisteredConnectorService(deps, { registry, limits: resolveLimits(options.processLimits), credentials: options.processCredentials ?? vault.programCredentials });
  const scheduler = createScheduler(deps, registry, sync);
  const destinations = createDestinations(deps, registry, authFor, options.transport, options.destinations);
  const connectors = createConnectorService(deps);
  const tickets = createTickets(deps, registry, instances, authFor, options.transport, options.tickets);
  const compliance = createComplianceMetrics(deps, options.compliance);
  return {
    deps,
    /** Demo mode: the server says so on every response (`x-patchbay-demo`) and in `GET /api/system/info`. */
    demo: options.demo === true,
    authenticate: createAuthenticator(deps),
    tokens: createTokenService(deps),
    users: createUserService(deps),
    organizations: createOrganizationService(deps),
    connectors,
    /** Reviews of catalogue connectors (per organisation); the catalogue's rating and review count come from them. */
    reviews: createReviewService(deps, connectors),
    /** Featured collections (catalog/featured-collections.ts) and connectors' changelogs. */
    collections: createCollectionService(connectors),
    registry,
    registeredConnectors,
    instances,
    sync,
    records: createRecordService(deps),
    mappings: createMappingService(deps, registry),
    /** SyncSchedule CRUD; `scheduler.tick()` fires what is due; `jobs.start()` runs queue, workers and scheduler. */
    schedules: createScheduleService(deps, instances, registry),
    scheduler,
    jobs: createJobRuntime(deps, sync, scheduler, [...housekeepingTasks(observability, vault, actions, tickets), { name: 'compliance-metrics', everyMs: compliance.checkEveryMs, run: () => compliance.runDue() }], [destinations, tickets]),
    /** Response actions: runs, approvals, reversal, expiry; `actionLimits` are the blast-radius limits. */
    actions,
    actionLimits,
    /** Configuration as code: export the organisation's configuration as YAML, import (plan, apply atomically). */
    config: createConfigService(deps, { registry, validateConfig: options.validateConfig ?? configValidator(registry), secretBox, actionLimits, onRemoved: (kind, id) => (kind === 'destination' ? destinations.forget(id) : undefined) }),
    events,
    /** Ticketing: rules, SLA policies, tickets; its loop runs in the scheduler's process (`jobs.start`). */
    tickets,
    /** SIEM destinations; their delivery loop runs in the scheduler's process (`jobs.start`). */
    destinations,
    /** Compliance metrics: `compliance.metrics` events per source instance and standard, on a schedule (housekeeping). */
    compliance,
    testConnection: createConnectionTester(deps, runtime),
    /** The first page of a stream read from the vendor as a sync would, stored nowhere (the mapping designer's live sample). */
    liveSample: createLiveSampler(deps, runtime),
    observability,
    vault,
    audit: {
      read: (filter: AuditFilter) => readAudit(deps.database.db, filter),
      verify: () => verifyAudit(deps.database.db),
    },
    /** First-start setup and catalogue sync; returns the new admin token on the very first start. */
    async start(bootstrapToken?: string) {
      await syncCatalog(deps, catalog);
      await registeredConnectors.loadAll();
      const boot = await bootstrap(deps, bootstrapToken);
      await vault.start();
      return boot;
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
