import { ensure } from '../harness/check-failure.ts';
import { expectDatabaseMatchesVendor } from '../harness/compare-records.ts';
import { countersOf, expectCounters, expectStatus } from '../harness/expect-run.ts';
import type { ScenarioEnv } from '../harness/scenario-env.ts';
import type { Fault, InjectTiming, SimulatorHandle, SimulatorRequest } from '../simulator.ts';
import { needsFault, recordCount, type Scenario, type ScenarioContext } from './scenario.ts';

const RETRY_AFTER_SECONDS = 7;
const SERVER_ERRORS = 3;

/** Seeds, injects `fault` (by default after the first request, so a page is in flight), and syncs: the run must complete with everything. */
async function syncThroughFault(context: ScenarioContext, fault: Fault, timing: InjectTiming = { afterRequests: 1 }) {
  const env = await context.open();
  const count = recordCount(env);
  env.seed(count);
  context.simulator.inject(fault, timing);
  const runs = await env.sync();
  expectStatus(runs, `run with ${fault.kind}`);
  expectCounters(env, runs, `run with ${fault.kind}`, { recordsCreated: count, recordsUpdated: 0 });
  await expectDatabaseMatchesVendor(env, `after the run with ${fault.kind}`);
  const hits = context.simulator.requests.filter((r) => r.fault === fault.kind);
  ensure(hits.length > 0, `the simulator never produced the ${fault.kind} fault: the connector sent no request it applies to`);
  return { env, runs, hits };
}

/** Requests after the last faulted one: the connector came back and finished. */
function retriedAfter(simulator: SimulatorHandle, hits: readonly SimulatorRequest[]): number {
  return simulator.requests.length - 1 - simulator.requests.lastIndexOf(hits.at(-1)!);
}

function summary(env: ScenarioEnv, hits: readonly SimulatorRequest[], runs: Awaited<ReturnType<ScenarioEnv['sync']>>) {
  return { faulted: hits.map((h) => `${h.method} ${h.path} -> ${h.status}`), runs: runs.map(countersOf), waitedMs: env.clock.waits };
}

export const rateLimitRetryAfter: Scenario = {
  name: 'rate-limit-retry-after',
  notApplicable: (subject) => needsFault(subject, 'rate-limit', 'has no rate limit to hit'),
  async run(context) {
    const { env, runs, hits } = await syncThroughFault(context, { kind: 'rate-limit', retryAfterSeconds: RETRY_AFTER_SECONDS });
    ensure(hits.length === 1 && hits[0]!.status === 429, `expected one 429 answer, saw ${hits.map((h) => h.status).join(', ')}`);
    ensure(retriedAfter(context.simulator, hits) > 0, 'the connector did not come back after the 429');
    ensure(env.clock.waits.some((ms) => ms >= RETRY_AFTER_SECONDS * 1000), `the client did not wait the ${RETRY_AFTER_SECONDS} s the vendor asked for`, { waitedMs: env.clock.waits });
    return summary(env, hits, runs);
  },
};

export const unauthorizedRefresh: Scenario = {
  name: 'unauthorized-refresh',
  notApplicable: (subject) =>
    subject.auth.refreshable || subject.dataStreams.length === 0
      ? needsFault(subject, 'unauthorized-once', 'cannot revoke a credential')
      : `the connector declares no refreshable auth method (it uses ${subject.auth.type}): a 401 is final and fails the run`,
  async run(context) {
    const { env, runs, hits } = await syncThroughFault(context, { kind: 'unauthorized-once' });
    ensure(env.auth.tokens.refreshes === 1, `the engine refreshed the token ${env.auth.tokens.refreshes} times after the 401, expected once`);
    ensure(hits.every((h) => h.status === 401), 'the revoked credential was answered with something other than 401');
    return { ...summary(env, hits, runs), refreshes: env.auth.tokens.refreshes };
  },
};

export const serverErrorBurst: Scenario = {
  name: 'server-error-burst',
  notApplicable: (subject) => needsFault(subject, 'server-errors', 'cannot fail with 5xx'),
  async run(context) {
    const { env, runs, hits } = await syncThroughFault(context, { kind: 'server-errors', count: SERVER_ERRORS });
    ensure(hits.length === SERVER_ERRORS && hits.every((h) => h.status >= 500), `expected ${SERVER_ERRORS} 5xx answers in a row, saw ${hits.length}`);
    ensure(env.clock.waits.length >= SERVER_ERRORS, 'the client retried without backing off', { waitedMs: env.clock.waits });
    return summary(env, hits, runs);
  },
};

export const pageTokenExpired: Scenario = {
  name: 'page-token-expired',
  notApplicable: (subject) => needsFault(subject, 'expire-page-token', 'has no page tokens that can expire (offset or page-number paging)'),
  async run(context) {
    const { env, runs, hits } = await syncThroughFault(context, { kind: 'expire-page-token' }, {});
    ensure(retriedAfter(context.simulator, hits) > 0, 'the connector did not restart after the expired page token');
    return summary(env, hits, runs);
  },
};
