import { randomUUID } from 'node:crypto';
import { createEngine, createLogger, systemActor, type Actor, type Engine, type ExecutionRow, type InstanceRow } from '@patchbay/engine';
import type { AnyConnector, AnyStream } from '@patchbay/sdk';
import type { Database } from '@patchbay/store';
import { AutoAdvanceClock } from '../auto-advance-clock.ts';
import type { SimulatorFactory, SimulatorHandle } from '../simulator.ts';
import type { DatabaseLease, DatabaseSource } from './database-source.ts';
import { runStreamUntil, type StopRule } from './run-stream-until.ts';
import { testAuthFor, type TestAuth } from './test-auth.ts';

/** Time between two runs of a scenario: records seen before a run started are older than it. */
const BETWEEN_RUNS_MS = 60_000;

export interface ScenarioSetup {
  readonly connector: AnyConnector;
  readonly simulator: SimulatorFactory;
  readonly databases: DatabaseSource;
  readonly pageSize: number;
  readonly newestFirst?: boolean;
}

/** One scenario's world: a simulator, the run's database, a fresh engine, and an instance pointing at the simulator. */
export interface ScenarioEnv {
  readonly connector: AnyConnector;
  readonly simulator: SimulatorHandle;
  readonly database: Database;
  readonly engine: Engine;
  readonly actor: Actor;
  readonly instance: InstanceRow;
  readonly clock: AutoAdvanceClock;
  readonly auth: TestAuth;
  readonly pageSize: number;
  /** The connector's streams the simulator has data for. */
  readonly dataStreams: readonly AnyStream[];
  /** Seeds `count` records into every data stream. */
  seed(count: number, options?: { equalTimestampsAtBoundary?: boolean }): void;
  /** Runs every stream through `engine.sync.runNow`, a minute after the previous run. */
  sync(): Promise<ExecutionRow[]>;
  /** Runs every stream through the runner, stopping each (as a crash would) after `stop.afterPages` pages. */
  syncUntil(stop: StopRule): Promise<ExecutionRow[]>;
  close(): Promise<void>;
}

async function organizationOf(engine: Engine, database: Database): Promise<string> {
  const boot = await engine.start();
  if (boot) return boot.organizationId;
  const [row] = await database.query<{ id: string }>(`select id from organizations where slug = 'default'`);
  if (!row) throw new Error('The shared database has no default organisation');
  return row.id;
}

/** Starts the simulator first: a scenario that does not apply closes it without touching a database. */
export async function startSimulator(setup: ScenarioSetup, clock: AutoAdvanceClock): Promise<SimulatorHandle> {
  return setup.simulator({ pageSize: setup.pageSize, clock, ...(setup.newestFirst ? { newestFirst: true } : {}) });
}

export async function openScenario(setup: ScenarioSetup, simulator: SimulatorHandle, clock: AutoAdvanceClock, connectionUrl?: string): Promise<ScenarioEnv> {
  const { connector } = setup;
  let lease: DatabaseLease | undefined;
  try {
    lease = await setup.databases.open();
    const { database } = lease;
    const auth = testAuthFor(connector, simulator.configuration);
    const engine = createEngine({ database, clock, log: createLogger({ level: 'silent' }), connectors: [connector], authFor: async () => auth.applier });
    const actor = systemActor(await organizationOf(engine, database), 'conformance');
    const instance = await engine.instances.create(actor, {
      name: `conformance-${randomUUID().slice(0, 8)}`,
      connectorId: connector.id,
      configuration: { ...simulator.configuration },
      ...(connectionUrl ? { connectionUrl } : {}),
      allowPrivateNetwork: true,
    });
    const dataStreams = (connector.streams ?? []).filter((s) => simulator.streams.includes(s.name));
    const closeLease = lease.close.bind(lease);
    const env: ScenarioEnv = {
      connector,
      simulator,
      database,
      engine,
      actor,
      instance,
      clock,
      auth,
      pageSize: setup.pageSize,
      dataStreams,
      seed: (count, options = {}) => dataStreams.forEach((s) => simulator.seed(s.name, { count, ...options })),
      async sync() {
        clock.advance(BETWEEN_RUNS_MS);
        return engine.sync.runNow(actor, instance.id, { trigger: 'conformance' });
      },
      async syncUntil(stop) {
        clock.advance(BETWEEN_RUNS_MS);
        const runs: ExecutionRow[] = [];
        for (const stream of connector.streams ?? []) runs.push(await runStreamUntil(env, stream, stop));
        return runs;
      },
      close: closeLease,
    };
    return env;
  } catch (error) {
    await lease?.close();
    throw error;
  }
}
