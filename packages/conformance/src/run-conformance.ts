import type { AnyConnector } from '@patchbay/sdk';
import type { DatabaseKind } from '@patchbay/store';
import { AutoAdvanceClock } from './auto-advance-clock.ts';
import { checkDeclaration } from './checks/declaration.ts';
import { checkJsonSchemas } from './checks/json-schemas.ts';
import { CheckFailure } from './harness/check-failure.ts';
import { noDatabase, sharedDatabase, type DatabaseSource } from './harness/database-source.ts';
import { openScenario, startSimulator, type ScenarioEnv, type ScenarioSetup } from './harness/scenario-env.ts';
import { testAuthFor } from './harness/test-auth.ts';
import { checkNames, type CheckName, type CheckResult, type ConformanceReport } from './report.ts';
import { scenarios, type Scenario } from './scenarios/index.ts';
import type { SimulatorFactory } from './simulator.ts';

export interface ConformanceOptions {
  readonly connector: AnyConnector;
  readonly simulator: SimulatorFactory;
  /** A fresh test database of this kind for the run (vitest's global setup prepares the templates). */
  readonly kind?: DatabaseKind;
  /** Where scenarios get their database instead (the CLI's in-memory PGlite, a file's shared one); overrides `kind`. */
  readonly databases?: DatabaseSource;
  /** Run only these checks; the report lists only them. */
  readonly only?: readonly CheckName[];
  /** Records per simulated page (default 4: a few dozen records cover paging). */
  readonly pageSize?: number;
}

const staticChecks: Partial<Record<CheckName, (connector: AnyConnector) => Record<string, unknown>>> = {
  declaration: checkDeclaration,
  'json-schemas': checkJsonSchemas,
};

function failure(error: unknown): Pick<CheckResult, 'status' | 'reason' | 'details'> {
  if (error instanceof CheckFailure) return { status: 'failed', reason: error.message, details: error.details };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'failed', reason: `unexpected error: ${message}`, details: { stack: error instanceof Error ? (error.stack ?? '').split('\n').slice(0, 6) : [] } };
}

async function runScenario(scenario: Scenario, setup: ScenarioSetup): Promise<Pick<CheckResult, 'status' | 'reason' | 'details'>> {
  const clock = new AutoAdvanceClock();
  const simulator = await startSimulator({ ...setup, ...(scenario.newestFirst ? { newestFirst: true } : {}) }, clock);
  const opened: ScenarioEnv[] = [];
  try {
    const dataStreams = (setup.connector.streams ?? []).filter((s) => simulator.streams.includes(s.name));
    const reason = scenario.notApplicable?.({ connector: setup.connector, simulator, dataStreams, auth: testAuthFor(setup.connector, simulator.configuration) });
    if (reason) return { status: 'not-applicable', reason };
    const details = await scenario.run({
      simulator,
      clock,
      open: async (connectionUrl) => {
        const env = await openScenario(setup, simulator, clock, connectionUrl);
        opened.push(env);
        return env;
      },
    });
    return { status: 'passed', details };
  } finally {
    for (const env of opened) await env.close();
    await simulator.close();
  }
}

async function runCheck(name: CheckName, options: ConformanceOptions, databases: DatabaseSource): Promise<CheckResult> {
  const started = performance.now();
  let outcome: Pick<CheckResult, 'status' | 'reason' | 'details'>;
  try {
    const check = staticChecks[name];
    if (check) outcome = { status: 'passed', details: check(options.connector) };
    else outcome = await runScenario(scenarios.get(name)!, { connector: options.connector, simulator: options.simulator, databases, pageSize: options.pageSize ?? 4 });
  } catch (error) {
    outcome = failure(error);
  }
  return { name, ...outcome, durationMs: Math.round(performance.now() - started) };
}

/**
 * Runs the conformance suite for one connector: its declaration and schemas, then each scenario with a
 * fresh simulator, engine (on an auto-advancing clock) and instance in the run's database, driving the
 * connector's own streams through the engine's runner with the suite's faults injected. Checks run one
 * after another.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const wanted = checkNames.filter((name) => options.only === undefined || options.only.includes(name));
  // Loaded only here, so the CLI (which brings its own database) never loads the test helpers.
  const own = options.databases === undefined && wanted.some(isStatefulCheck) ? await (await import('@patchbay/store/testing')).createTestDatabase(options.kind ?? 'pglite') : undefined;
  const databases = options.databases ?? (own ? sharedDatabase(own.database, options.kind ?? 'pglite') : noDatabase);
  try {
    const checks: CheckResult[] = [];
    for (const name of wanted) checks.push(await runCheck(name, options, databases));
    return { connector: { id: options.connector.id, version: options.connector.version }, database: databases.label, checks };
  } finally {
    await own?.close();
  }
}

/** Whether a check needs a database (and so runs once per database kind). */
export function isStatefulCheck(name: CheckName): boolean {
  return staticChecks[name] === undefined;
}
