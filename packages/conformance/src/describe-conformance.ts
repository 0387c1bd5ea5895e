import { afterAll, describe, it } from 'vitest';
import type { AnyConnector } from '@patchbay/sdk';
import type { DatabaseKind } from '@patchbay/store';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '@patchbay/store/testing';
import { closeContractProxies } from './contract/prism.ts';
import { noDatabase, type DatabaseSource } from './harness/database-source.ts';
import { checkNames, type CheckName, type CheckResult } from './report.ts';
import { isStatefulCheck, runConformance } from './run-conformance.ts';
import type { SimulatorFactory } from './simulator.ts';

export interface DescribeConformanceOptions {
  /** Register only these checks (a second configuration of the same connector, for instance). */
  readonly only?: readonly CheckName[];
  readonly pageSize?: number;
  /** The describe block's title (default `conformance of <id>`). */
  readonly title?: string;
}

/** One test database for the kind, opened when a check first needs it (a connector whose checks do not apply opens none). */
function lazyTestDatabase(kind: DatabaseKind): DatabaseSource & { close(): Promise<void> } {
  let opening: Promise<TestDatabase> | undefined;
  return {
    label: kind,
    async open() {
      opening ??= createTestDatabase(kind);
      return { database: (await opening).database, close: async () => undefined };
    },
    close: async () => (await opening)?.close(),
  };
}

function explain(result: CheckResult): string {
  const details = result.details === undefined ? '' : `\n${JSON.stringify(result.details, null, 2).slice(0, 4000)}`;
  return `${result.name} failed: ${result.reason ?? 'no reason given'}${details}`;
}

/**
 * Registers the conformance suite in a connector's own test file: one vitest test per check, the
 * stateful ones once per database kind (PGlite and PostgreSQL) on one test database per kind, each
 * check with its own instance. A check that does not apply is skipped with its reason; a failed one
 * fails with the reason and what was observed.
 */
export function describeConformance(connector: AnyConnector, simulator: SimulatorFactory, options: DescribeConformanceOptions = {}): void {
  const wanted = checkNames.filter((name) => options.only === undefined || options.only.includes(name));
  const register = (name: CheckName, databases: DatabaseSource) =>
    it(name, async ({ skip }) => {
      const report = await runConformance({ connector, simulator, databases, only: [name], ...(options.pageSize ? { pageSize: options.pageSize } : {}) });
      const result = report.checks[0]!;
      if (result.status === 'not-applicable') skip(result.reason);
      if (result.status === 'failed') throw new Error(explain(result));
    });

  describe(options.title ?? `conformance of ${connector.id}`, () => {
    afterAll(closeContractProxies);
    for (const name of wanted.filter((n) => !isStatefulCheck(n))) register(name, noDatabase);
    describe.each(testDatabaseKinds())('on %s', (kind) => {
      const database = lazyTestDatabase(kind);
      afterAll(() => database.close());
      for (const name of wanted.filter(isStatefulCheck)) register(name, database);
    });
  });
}
