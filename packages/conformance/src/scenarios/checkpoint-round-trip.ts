import { isDeepStrictEqual } from 'node:util';
import type { AnyStream } from '@patchbay/sdk';
import { CheckFailure, ensure } from '../harness/check-failure.ts';
import { expectDatabaseMatchesVendor } from '../harness/compare-records.ts';
import { countersOf, expectCounters, expectStatus } from '../harness/expect-run.ts';
import type { ScenarioEnv } from '../harness/scenario-env.ts';
import { recordCount, type Scenario } from './scenario.ts';

/** A checkpoint survives being stored as JSON and read back through the stream's schema unchanged. */
function roundTrips(stream: AnyStream, checkpoint: unknown): string | undefined {
  const stored: unknown = JSON.parse(JSON.stringify(checkpoint ?? null));
  const parsed = stream.checkpoint.safeParse(stored);
  if (!parsed.success) return `does not parse with its own schema after a JSON round trip: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
  if (!isDeepStrictEqual(parsed.data, stored)) return 'comes back different after a JSON round trip through its schema';
  return undefined;
}

async function storedCheckpoint(env: ScenarioEnv, stream: string): Promise<unknown> {
  const [row] = await env.database.query<{ checkpoint: unknown }>('select checkpoint from stream_states where instance_id = $1 and stream = $2', [env.instance.id, stream]);
  return row?.checkpoint ?? null;
}

/**
 * Every page's checkpoint round-trips through JSON and the stream's schema; the stored one is exactly the
 * last page's; a run resumed from it completes the data; and a run with nothing new at the vendor writes
 * nothing (an incremental stream reads nothing new; a full refresh finds everything unchanged).
 */
export const checkpointRoundTrip: Scenario = {
  name: 'checkpoint-round-trip',
  notApplicable: ({ dataStreams }) => (dataStreams.length === 0 ? 'the simulator serves no stream of this connector' : undefined),
  async run({ open }) {
    const env = await open();
    const count = recordCount(env);
    env.seed(count);
    const seen = new Map<string, unknown[]>();
    await env.syncUntil({ afterPages: 2, onCheckpoint: (stream, checkpoint) => seen.set(stream, [...(seen.get(stream) ?? []), checkpoint]) });
    for (const stream of env.dataStreams) {
      const checkpoints = seen.get(stream.name) ?? [];
      ensure(checkpoints.length > 0, `stream ${stream.name} committed no page before the stop`);
      checkpoints.forEach((checkpoint, page) => {
        const problem = roundTrips(stream, checkpoint);
        if (problem) throw new CheckFailure(`the checkpoint after page ${page} of ${stream.name} ${problem}`, { checkpoint });
      });
      const stored = await storedCheckpoint(env, stream.name);
      const last: unknown = JSON.parse(JSON.stringify(checkpoints.at(-1) ?? null));
      ensure(isDeepStrictEqual(stored, last), `the stored checkpoint of ${stream.name} is not the last committed page's`, { stored, last });
    }
    const resumed = await env.sync();
    expectStatus(resumed, 'resumed run');
    await expectDatabaseMatchesVendor(env, 'after the resumed run');
    const idle = await env.sync();
    expectStatus(idle, 'run with nothing new');
    expectCounters(env, idle, 'run with nothing new', (stream) =>
      stream.fullRefresh ? { recordsCreated: 0, recordsUpdated: 0, recordsDeleted: 0, recordsUnchanged: count } : { recordsCreated: 0, recordsUpdated: 0, recordsProcessed: 0 },
    );
    return { checkpoints: Object.fromEntries(seen), idle: idle.map(countersOf) };
  },
};
