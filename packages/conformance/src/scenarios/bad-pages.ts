import { ensure } from '../harness/check-failure.ts';
import { expectDatabaseMatchesVendor } from '../harness/compare-records.ts';
import { countersOf, dataRun, expectCounters, expectStatus } from '../harness/expect-run.ts';
import { needsFault, recordCount, type Scenario } from './scenario.ts';

/**
 * Empty answers: a vendor with no records at all syncs cleanly to nothing; and, where the vendor can
 * serve one, an empty page in the middle of a listing that goes on does not end the sync early.
 */
export const emptyPage: Scenario = {
  name: 'empty-page',
  notApplicable: ({ dataStreams }) => (dataStreams.length === 0 ? 'the simulator serves no stream of this connector' : undefined),
  async run({ open, simulator }) {
    const empty = await open();
    const none = await empty.sync();
    expectStatus(none, 'run against an empty vendor');
    expectCounters(empty, none, 'run against an empty vendor', { recordsCreated: 0, recordsProcessed: 0 });
    const midListing = needsFault({ simulator, connector: empty.connector, dataStreams: empty.dataStreams, auth: empty.auth }, 'empty-page', 'cannot serve an empty page mid-listing');
    if (midListing) return { empty: none.map(countersOf), midListing: `not tested: ${midListing}` };
    const env = await open();
    const count = recordCount(env);
    env.seed(count);
    simulator.inject({ kind: 'empty-page' });
    const runs = await env.sync();
    expectStatus(runs, 'run with an empty page');
    expectCounters(env, runs, 'run with an empty page', { recordsCreated: count });
    await expectDatabaseMatchesVendor(env, 'after the run with an empty page');
    ensure(simulator.requests.some((r) => r.fault === 'empty-page'), 'the simulator never served the empty page: the connector made no continuation request');
    return { empty: none.map(countersOf), midListing: runs.map(countersOf) };
  },
};

/**
 * A page whose JSON is cut short fails the run with VENDOR_BAD_RESPONSE and commits nothing of that
 * page; the next run resumes from the last good page and completes the data.
 */
export const malformedJson: Scenario = {
  name: 'malformed-json',
  notApplicable: (subject) => needsFault(subject, 'malformed-json', 'cannot answer with malformed JSON'),
  async run({ open, simulator }) {
    const env = await open();
    const count = recordCount(env);
    env.seed(count);
    simulator.inject({ kind: 'malformed-json' }, { afterRequests: 1 });
    const broken = await env.sync();
    // The bad page lands on whichever stream makes the second request; the others complete normally.
    const failed = broken.find((r) => r.status === 'failed') ?? dataRun(env, broken, 'run with malformed JSON');
    const error = failed.errorDetails as { code?: string } | null;
    ensure(failed.status === 'failed' && error?.code === 'VENDOR_BAD_RESPONSE', `the run with malformed JSON ended ${failed.status} (${error?.code ?? 'no error'}), expected failed with VENDOR_BAD_RESPONSE`, { run: countersOf(failed) });
    ensure(failed.recordsCreated < count, 'the run with malformed JSON created every record: the bad page was not read');
    const next = await env.sync();
    expectStatus(next, 'run after malformed JSON');
    expectCounters(env, next, 'run after malformed JSON', (stream) => {
      const before = broken.find((r) => r.stream === stream.name);
      // A stream that completed beside the broken one has everything: a full refresh reads it all again, unchanged.
      if (before?.status === 'completed') return { recordsCreated: 0, recordsUpdated: 0, recordsUnchanged: stream.fullRefresh ? count : 0 };
      return { recordsCreated: count - (before?.recordsCreated ?? 0), recordsUnchanged: 0 };
    });
    await expectDatabaseMatchesVendor(env, 'after the run after malformed JSON');
    return { broken: broken.map(countersOf), next: next.map(countersOf) };
  },
};
