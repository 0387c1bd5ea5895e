import { beforeAll } from 'vitest';
import { describeConformance } from '@patchbay/conformance/vitest';
import { checkNames, leaseContractProxy } from '@patchbay/conformance';
import connector from './connector.ts';
import simulator, { SPEC, STREAMS, startOktaSimulator } from './simulator/index.ts';

// Prism takes a while to load Okta's 2 MB description on a busy machine: start it once before the checks
// (the suite shares one Prism per spec), so the first contract check does not spend its time budget on it.
beforeAll(async () => {
  (await leaseContractProxy(SPEC, 'http://127.0.0.1:9')).release();
}, 120_000);

// Every check on the org serving all five streams, except two whose expectations assume one stream:
// - changes-between-runs wants updates on every stream, but System Log events are immutable (Okta never
//   updates one); it runs on the directory inventories below, and new log events between runs are tested
//   in sync.e2e.test.ts;
// - malformed-json wants recordsUnchanged = 0 on the run after the bad page for every stream, which a
//   full-refresh stream that completed during the broken run cannot give (it re-reads everything); it
//   runs once per stream below (not for group-memberships alone: its users and groups would be data of
//   the users and groups streams too; streams/group-memberships.test.ts covers its bad pages).
describeConformance(connector, simulator, { only: checkNames.filter((name) => name !== 'changes-between-runs' && name !== 'malformed-json') });

describeConformance(connector, (options) => startOktaSimulator({ ...options, streams: ['users', 'groups', 'applications'] }), {
  title: 'conformance of okta: changes between runs of the directory inventories',
  only: ['changes-between-runs'],
});

for (const stream of STREAMS.filter((s) => s !== 'group-memberships')) {
  describeConformance(connector, (options) => startOktaSimulator({ ...options, streams: [stream] }), { title: `conformance of okta: malformed JSON in ${stream}`, only: ['malformed-json'] });
}
