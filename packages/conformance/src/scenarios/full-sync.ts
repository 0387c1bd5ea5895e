import { ensure } from '../harness/check-failure.ts';
import { expectDatabaseMatchesVendor } from '../harness/compare-records.ts';
import { countersOf, dataRun, expectCounters, expectStatus } from '../harness/expect-run.ts';
import { recordCount, type Scenario } from './scenario.ts';

/** A first sync of several pages: every record stored once, as mapped, with the counters to match. */
export const fullSync: Scenario = {
  name: 'full-sync',
  notApplicable: ({ dataStreams }) => (dataStreams.length === 0 ? 'the simulator serves no stream of this connector' : undefined),
  async run({ open, simulator }) {
    const env = await open();
    const unknown = simulator.streams.filter((name) => !env.dataStreams.some((s) => s.name === name));
    ensure(unknown.length === 0, `the simulator serves streams the connector does not declare: ${unknown.join(', ')}`);
    const count = recordCount(env);
    env.seed(count);
    const runs = await env.sync();
    expectStatus(runs, 'first run');
    expectCounters(env, runs, 'first run', { recordsCreated: count, recordsProcessed: count, recordsUpdated: 0, recordsDeleted: 0 });
    const run = dataRun(env, runs, 'first run');
    const minimum = Math.ceil(count / env.pageSize);
    ensure(run.pages >= minimum, `first run: ${count} records came in ${run.pages} pages, expected at least ${minimum} of ${env.pageSize}`, { run: countersOf(run) });
    await expectDatabaseMatchesVendor(env, 'after the first run');
    return { records: count, runs: runs.map(countersOf) };
  },
};
