import { leaseContractProxy } from '../contract/prism.ts';
import { CheckFailure, ensure } from '../harness/check-failure.ts';
import { expectDatabaseMatchesVendor } from '../harness/compare-records.ts';
import { countersOf, expectStatus } from '../harness/expect-run.ts';
import { recordCount, type Scenario } from './scenario.ts';

/**
 * The connector's calls go through Stoplight Prism serving the API description (`prism proxy <spec>
 * <simulator> --errors`): a first sync, changes at the vendor, a second sync. Prism validates every
 * request and response; any violation fails the check.
 */
export const contract: Scenario = {
  name: 'contract',
  notApplicable: ({ simulator, dataStreams }) =>
    dataStreams.length === 0 ? 'the simulator serves no stream of this connector (a destination checks its sends against the contract in its own tests)' : simulator.contract ? undefined : 'the simulator names no API description (no vendor spec to check against)',
  async run({ open, simulator }) {
    const spec = simulator.contract!;
    const lease = await leaseContractProxy(spec.spec, simulator.baseUrl);
    try {
      const env = await open(lease.url);
      env.seed(recordCount(env));
      const first = await env.sync();
      for (const stream of env.dataStreams) simulator.mutate?.(stream.name, { create: 2, update: 1 });
      const second = await env.sync();
      const violations = lease.violations();
      if (violations.length > 0) {
        throw new CheckFailure(`Prism found ${violations.length} violations of ${spec.source}: ${violations[0]!.request}: ${violations[0]!.message}`, { spec: spec.spec, violations: violations.slice(0, 20) });
      }
      expectStatus([...first, ...second], 'sync through Prism');
      await expectDatabaseMatchesVendor(env, 'after syncing through Prism');
      ensure(lease.exchanges() > 0, 'no request went through Prism');
      return { spec: spec.spec, source: spec.source, exchanges: lease.exchanges(), runs: [...first, ...second].map(countersOf) };
    } finally {
      lease.release();
    }
  },
};
