/**
 * @patchbay/conformance: the suite every connector passes. `runConformance` drives the connector's own
 * streams through the engine's runner against its simulator with injected faults and reports one result
 * per check; `describeConformance` (from `@patchbay/conformance/vitest`) registers the same checks as
 * vitest tests in the connector's test file; `patchbay connector test <id>` prints the report.
 */
export { runConformance, isStatefulCheck, type ConformanceOptions } from './run-conformance.ts';
export { checkNames, isCheckName, summarize, type CheckName, type CheckResult, type CheckStatus, type ConformanceReport } from './report.ts';
export { formatReport } from './format-report.ts';
export { AutoAdvanceClock, type AutoAdvanceClockOptions } from './auto-advance-clock.ts';
export { FaultQueue, type FaultQueueOptions, type RequestTraits } from './simulator-kit/fault-queue.ts';
export { sharedDatabase, type DatabaseLease, type DatabaseSource } from './harness/database-source.ts';
export { CountingTokenSource, testAuthFor, type TestAuth } from './harness/test-auth.ts';
export { runAction, planAction, connectorContext, type ActionCallOptions, type ContextOptions } from './harness/run-action.ts';
export { installConnector, type InstallOptions, type InstalledConnector } from './harness/installed-connector.ts';
/** The database kinds the tests run on (PGlite always, PostgreSQL when reachable; both in CI). */
export { testDatabaseKinds } from '@patchbay/store/testing';
export { leaseContractProxy, closeContractProxies, type ContractLease } from './contract/prism.ts';
export type { ContractViolation } from './contract/violations.ts';
export {
  faultKinds,
  type ContractSpec,
  type Fault,
  type FaultKind,
  type InjectTiming,
  type Mutation,
  type SeedOptions,
  type SimulatorCapabilities,
  type SimulatorFactory,
  type SimulatorHandle,
  type SimulatorOptions,
  type SimulatorRequest,
  type VaultCredentials,
} from './simulator.ts';
