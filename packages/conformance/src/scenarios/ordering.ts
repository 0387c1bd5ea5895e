import { expectDatabaseMatchesVendor } from '../harness/compare-records.ts';
import { countersOf, expectCounters, expectStatus } from '../harness/expect-run.ts';
import { expectResumeAfterStop } from './restart-mid-sync.ts';
import { incrementalStreams, recordCount, type Scenario } from './scenario.ts';

/**
 * Equal timestamps across a page boundary, with the run stopped right at that boundary: the resumed run
 * must pick up the record that shares the last committed timestamp, and not re-read the committed one.
 * (A cursor kept as "strictly after the last timestamp" loses it; "at or after" without ids repeats one.)
 */
export const equalTimestampsAtBoundary: Scenario = {
  name: 'equal-timestamps-at-boundary',
  notApplicable: (subject) => {
    if (incrementalStreams(subject).length === 0) return 'no incremental stream: full refreshes re-read every page and carry no timestamp cursor';
    return subject.simulator.capabilities.equalTimestampsAtBoundary ? undefined : 'the simulator cannot place equal timestamps at a page boundary';
  },
  async run({ open }) {
    const env = await open();
    const count = recordCount(env);
    env.seed(count, { equalTimestampsAtBoundary: true });
    return expectResumeAfterStop(env, 1, count);
  },
};

/**
 * A newest-first API: stopped after its first page and resumed, nothing is lost or repeated; then records
 * the vendor creates or changes later (which it lists first) are picked up by the next run.
 */
export const newestFirst: Scenario = {
  name: 'newest-first',
  newestFirst: true,
  notApplicable: (subject) => {
    if (!subject.simulator.capabilities.newestFirst) return 'the simulated vendor lists oldest first only';
    return subject.dataStreams.length === 0 ? 'the simulator serves no stream of this connector' : undefined;
  },
  async run({ open, simulator }) {
    const env = await open();
    const count = recordCount(env);
    env.seed(count);
    const resume = await expectResumeAfterStop(env, 1, count);
    if (!simulator.mutate) return { ...resume, later: 'not tested: the simulator has no mutate' };
    for (const stream of env.dataStreams) simulator.mutate(stream.name, { create: 2, update: 1 });
    const later = await env.sync();
    expectStatus(later, 'run after changes');
    expectCounters(env, later, 'run after changes', { recordsCreated: 2, recordsUpdated: 1 });
    await expectDatabaseMatchesVendor(env, 'after the run after changes');
    return { ...resume, later: later.map(countersOf) };
  },
};
