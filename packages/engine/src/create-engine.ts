import type { AnyConnector, Transport } from '@patchbay/sdk';
import type { Database } from '@patchbay/store';
import { systemClock, type Clock } from '@patchbay/types';
import { readAudit, type AuditFilter } from './audit/read-audit.ts';
import { verifyAudit } from './audit/verify-audit.ts';
import { createAuthenticator } from './auth/authenticate.ts';
import { createTokenService } from './auth/tokens.ts';
import type { CatalogEntry } from './catalog/catalog-entry.ts';
import { createConnectorService } from './catalog/connectors.ts';
import { syncCatalog } from './catalog/sync-catalog.ts';
import { createInstanceService, type ConfigValidator } from './instances/instances.ts';
import type { EngineDeps } from './lib/engine-deps.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { bootstrap } from './organizations/bootstrap.ts';
import { catalogEntryOf } from './runtime/catalog-from-definitions.ts';
import { createConnectorRegistry } from './runtime/connector-registry.ts';
import { configValidator } from './runtime/validate-config.ts';
import { createSyncService, type AuthResolver } from './sync/sync-service.ts';
import { createConnectionTester } from './instances/test-connection.ts';
import { createOrganizationService } from './organizations/organizations.ts';
import { createUserService } from './organizations/users.ts';

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
}

/** Wires the services over one database. Nothing here listens or schedules: callers start what they need. */
export function createEngine(options: EngineOptions) {
  const deps: EngineDeps = { database: options.database, clock: options.clock ?? systemClock, log: options.log ?? createLogger() };
  const registry = createConnectorRegistry(options.connectors ?? []);
  const instances = createInstanceService(deps, options.validateConfig ?? configValidator(registry));
  const runtime = { registry, instances, authFor: options.authFor, transport: options.transport };
  const catalog = [...registry.list().map((c) => catalogEntryOf(c)), ...(options.catalog ?? [])];
  return {
    deps,
    authenticate: createAuthenticator(deps),
    tokens: createTokenService(deps),
    users: createUserService(deps),
    organizations: createOrganizationService(deps),
    connectors: createConnectorService(deps),
    registry,
    instances,
    sync: createSyncService(deps, runtime),
    testConnection: createConnectionTester(deps, runtime),
    audit: {
      read: (filter: AuditFilter) => readAudit(deps.database.db, filter),
      verify: () => verifyAudit(deps.database.db),
    },
    /** First-start setup and catalogue sync; returns the new admin token on the very first start. */
    async start(bootstrapToken?: string) {
      await syncCatalog(deps, catalog);
      return bootstrap(deps, bootstrapToken);
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
