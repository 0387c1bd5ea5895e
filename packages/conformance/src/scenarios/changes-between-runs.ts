import { ensure } from '../harness/check-failure.ts';
import { expectDatabaseMatchesVendor } from '../harness/compare-records.ts';
import { countersOf, expectCounters, expectStatus } from '../harness/expect-run.ts';
import { recordCount, type Scenario } from './scenario.ts';

const CREATED = 2;
const UPDATED = 2;

/**
 * The vendor changes between two runs: new records are created, changed ones updated (one event each),
 * and on full-refresh streams a record that disappeared is marked deleted. Incremental streams cannot
 * see deletions, so none are made there.
 */
export const changesBetweenRuns: Scenario = {
  name: 'changes-between-runs',
  notApplicable: ({ simulator, dataStreams }) => {
    if (dataStreams.length === 0) return 'the simulator serves no stream of this connector';
    return simulator.mutate ? undefined : 'the simulator cannot change its records between runs (no mutate)';
  },
  async run({ open, simulator }) {
    const env = await open();
    const count = recordCount(env);
    env.seed(count);
    expectStatus(await env.sync(), 'first run');
    for (const stream of env.dataStreams) simulator.mutate!(stream.name, { create: CREATED, update: UPDATED, delete: stream.fullRefresh ? 1 : 0 });
    const second = await env.sync();
    expectStatus(second, 'second run');
    expectCounters(env, second, 'second run', (stream) =>
      stream.fullRefresh
        ? { recordsCreated: CREATED, recordsUpdated: UPDATED, recordsDeleted: 1, recordsUnchanged: count - UPDATED - 1 }
        : { recordsCreated: CREATED, recordsUpdated: UPDATED, recordsDeleted: 0 },
    );
    await expectDatabaseMatchesVendor(env, 'after the second run');
    const [events] = await env.database.query<{ n: number }>(`select count(*)::int as n from outbox where instance_id = $1 and type = 'record.updated'`, [env.instance.id]);
    const expected = UPDATED * env.dataStreams.length;
    ensure(events?.n === expected, `the second run emitted ${events?.n ?? 0} record.updated events, expected ${expected}`);
    return { runs: second.map(countersOf) };
  },
};
