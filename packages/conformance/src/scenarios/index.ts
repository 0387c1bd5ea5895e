import type { CheckName } from '../report.ts';
import { emptyPage, malformedJson } from './bad-pages.ts';
import { changesBetweenRuns } from './changes-between-runs.ts';
import { checkpointRoundTrip } from './checkpoint-round-trip.ts';
import { contract } from './contract.ts';
import { pageTokenExpired, rateLimitRetryAfter, serverErrorBurst, unauthorizedRefresh } from './fault-recovery.ts';
import { fullSync } from './full-sync.ts';
import { ocsfMapping } from './ocsf-mapping.ts';
import { equalTimestampsAtBoundary, newestFirst } from './ordering.ts';
import { restartMidSync } from './restart-mid-sync.ts';
import type { Scenario } from './scenario.ts';

/** Every stateful check, by name. */
export const scenarios: ReadonlyMap<CheckName, Scenario> = new Map(
  [
    fullSync,
    ocsfMapping,
    checkpointRoundTrip,
    changesBetweenRuns,
    restartMidSync,
    rateLimitRetryAfter,
    unauthorizedRefresh,
    serverErrorBurst,
    pageTokenExpired,
    equalTimestampsAtBoundary,
    newestFirst,
    emptyPage,
    malformedJson,
    contract,
  ].map((scenario) => [scenario.name, scenario] as const),
);

export type { Scenario, ScenarioContext, ScenarioSubject } from './scenario.ts';
