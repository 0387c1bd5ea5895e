import type { AnyConnector, AnyStream } from '@patchbay/sdk';
import type { AutoAdvanceClock } from '../auto-advance-clock.ts';
import type { ScenarioEnv } from '../harness/scenario-env.ts';
import type { TestAuth } from '../harness/test-auth.ts';
import type { CheckName } from '../report.ts';
import type { SimulatorHandle } from '../simulator.ts';

/** What decides whether a scenario applies: the connector's declaration and its simulator's abilities. */
export interface ScenarioSubject {
  readonly connector: AnyConnector;
  readonly simulator: SimulatorHandle;
  /** The connector's streams the simulator has data for. */
  readonly dataStreams: readonly AnyStream[];
  readonly auth: TestAuth;
}

export interface ScenarioContext {
  readonly simulator: SimulatorHandle;
  readonly clock: AutoAdvanceClock;
  /** A fresh database and engine with an instance pointing at the simulator (or at `connectionUrl`). */
  open(connectionUrl?: string): Promise<ScenarioEnv>;
}

/** One stateful check: it opens what it needs, drives syncs, and throws a CheckFailure when it sees a fault. */
export interface Scenario {
  readonly name: CheckName;
  /** Start the simulator serving newest first. */
  readonly newestFirst?: boolean;
  /** Why the scenario does not apply, or undefined when it does. */
  notApplicable?(subject: ScenarioSubject): string | undefined;
  /** Returns what it observed, for the report. */
  run(context: ScenarioContext): Promise<Readonly<Record<string, unknown>>>;
}

/** Records seeded per stream: three full pages and a partial one, so paging and its end are both exercised. */
export function recordCount(env: ScenarioEnv): number {
  return env.pageSize * 3 + 2;
}

/** Not applicable unless the simulator can produce `fault`. */
/** Fault scenarios sync through the fault: they need a stream the simulator serves, and the fault. */
export function needsFault(subject: ScenarioSubject, fault: SimulatorHandle['capabilities']['faults'][number], why: string): string | undefined {
  if (subject.dataStreams.length === 0) return 'the simulator serves no stream of this connector (a destination-only connector tests its faults on sends)';
  return subject.simulator.capabilities.faults.includes(fault) ? undefined : `the simulated vendor ${why}`;
}

export function incrementalStreams(subject: Pick<ScenarioSubject, 'dataStreams'>): readonly AnyStream[] {
  return subject.dataStreams.filter((s) => !s.fullRefresh);
}
