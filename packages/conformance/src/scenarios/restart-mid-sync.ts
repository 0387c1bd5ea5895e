import type { ExecutionRow } from '@patchbay/engine';
import { ensure } from '../harness/check-failure.ts';
import { expectDatabaseMatchesVendor } from '../harness/compare-records.ts';
import { countersOf, expectCounters, expectStatus } from '../harness/expect-run.ts';
import type { ScenarioEnv } from '../harness/scenario-env.ts';
import { SIMULATED_CRASH } from '../harness/run-stream-until.ts';
import { recordCount, type Scenario } from './scenario.ts';

/** What the stopped run committed per data stream. */
function committed(env: ScenarioEnv, runs: readonly ExecutionRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const stream of env.dataStreams) {
    const run = runs.find((r) => r.stream === stream.name);
    ensure(run?.status === 'cancelled', `the stopped run of ${stream.name} ended ${run?.status ?? 'missing'}, expected cancelled`, { runs: runs.map(countersOf) });
    out.set(stream.name, run.recordsCreated);
  }
  return out;
}

/**
 * Stops each stream (as a crash would) after `afterPages` committed pages, then syncs again: the second
 * run starts from the stored checkpoint, creates exactly the records the first did not, reads none of
 * the committed ones again, and leaves the database equal to the vendor.
 */
export async function expectResumeAfterStop(env: ScenarioEnv, afterPages: number, total: number): Promise<Record<string, unknown>> {
  const stopped = await env.syncUntil({ afterPages });
  const before = committed(env, stopped);
  for (const [stream, created] of before) {
    ensure(created > 0 && created < total, `the run stopped after ${afterPages} pages of ${stream} had created ${created} of ${total} records`, { runs: stopped.map(countersOf) });
  }
  const resumed = await env.sync();
  expectStatus(resumed, 'resumed run');
  expectCounters(env, resumed, 'resumed run', (stream) => ({ recordsCreated: total - (before.get(stream.name) ?? 0), recordsUnchanged: 0, recordsUpdated: 0 }));
  await expectDatabaseMatchesVendor(env, 'after the resumed run');
  return { stopped: stopped.map(countersOf), resumed: resumed.map(countersOf), stop: SIMULATED_CRASH };
}

/** A restart in the middle of a sync resumes with no record lost or duplicated, and none read twice. */
export const restartMidSync: Scenario = {
  name: 'restart-mid-sync',
  notApplicable: ({ dataStreams }) => (dataStreams.length === 0 ? 'the simulator serves no stream of this connector' : undefined),
  async run({ open }) {
    const env = await open();
    const count = recordCount(env);
    env.seed(count);
    return expectResumeAfterStop(env, 2, count);
  },
};
