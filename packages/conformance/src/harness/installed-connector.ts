import { randomBytes } from 'node:crypto';
import { createEngine, createLogger, staticKeyProvider, systemActor, type Engine, type ExecutionRow } from '@patchbay/engine';
import type { AnyConnector, AuthApplier } from '@patchbay/sdk';
import type { DatabaseKind } from '@patchbay/store';
import { createTestDatabase } from '@patchbay/store/testing';
import type { Clock } from '@patchbay/types';
import type { VaultCredentials } from '../simulator.ts';

export interface InstallOptions {
  readonly kind: DatabaseKind;
  readonly connector: AnyConnector;
  /** The instance configuration: usually the simulator's. */
  readonly configuration: Readonly<Record<string, unknown>>;
  readonly clock: Clock;
  /** An applier the test controls (tokens counted, say)... */
  readonly auth?: AuthApplier;
  /** ...or credentials stored in a vault, used the way a hub uses them (token requests, SigV4, AssumeRole). */
  readonly credentials?: VaultCredentials;
  /** Where the instance reaches the vendor instead of its configured base URL (a contract proxy, say). */
  readonly connectionUrl?: string;
}

/** A connector installed on a fresh hub database: what a connector's end-to-end tests drive. */
export interface InstalledConnector {
  readonly instanceId: string;
  /** Runs every stream (or one) now, through the engine's runner, as `POST .../sync` would. */
  sync(run?: { readonly stream?: string }): Promise<ExecutionRow[]>;
  /** The connector's validate call, as the wizard's "test connection". */
  testConnection(): ReturnType<Engine['testConnection']>;
  /** Changes the instance's configuration, as `PUT .../instances/{id}` does. */
  reconfigure(configuration: Readonly<Record<string, unknown>>): Promise<void>;
  /** Reads the hub's tables (records, stream_states...): what the sync left behind. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * Installs a connector on a fresh test database with the real engine, so a connector's own tests exercise
 * syncs end to end without depending on the engine or the store themselves (connectors depend on the SDK
 * only; the conformance package is their window on the hub).
 */
export async function installConnector(options: InstallOptions): Promise<InstalledConnector> {
  const test = await createTestDatabase(options.kind);
  try {
    const log = createLogger({ level: 'silent' });
    const engine = options.credentials
      ? createEngine({ database: test.database, clock: options.clock, log, connectors: [options.connector], vault: { keys: staticKeyProvider({ active: randomBytes(32) }), allowInsecureHttp: true } })
      : createEngine({ database: test.database, clock: options.clock, log, connectors: [options.connector], authFor: async () => options.auth });
    const actor = systemActor((await engine.start())!.organizationId, 'connector-test');
    const authConfigId = options.credentials
      ? (await engine.vault.configs.create(actor, { name: `${options.connector.id}-credentials`, authType: options.credentials.authType as never, credentials: { ...options.credentials.credentials } })).id
      : undefined;
    const instance = await engine.instances.create(actor, {
      name: options.connector.id,
      connectorId: options.connector.id,
      configuration: { ...options.configuration },
      allowPrivateNetwork: true,
      ...(authConfigId ? { authConfigId } : {}),
      ...(options.connectionUrl ? { connectionUrl: options.connectionUrl } : {}),
    });
    return {
      instanceId: instance.id,
      sync: (run = {}) => engine.sync.runNow(actor, instance.id, run.stream ? { stream: run.stream } : {}),
      testConnection: () => engine.testConnection(actor, instance.id),
      reconfigure: async (configuration) => void (await engine.instances.update(actor, instance.id, { configuration: { ...configuration } })),
      query: <T>(sql: string, params: unknown[] = []) => test.database.query<T>(sql, params),
      async close() {
        await engine.sync.shutdown();
        await test.close();
      },
    };
  } catch (error) {
    await test.close();
    throw error;
  }
}
