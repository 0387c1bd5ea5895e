import type { ExecutionRow } from '@patchbay/engine';
import type { AnyStream } from '@patchbay/sdk';
import { CheckFailure } from './check-failure.ts';
import type { ScenarioEnv } from './scenario-env.ts';

/** The counters of one run, as a check compares them. */
export type Counters = Partial<Pick<ExecutionRow, 'recordsCreated' | 'recordsUpdated' | 'recordsUnchanged' | 'recordsDeleted' | 'recordsProcessed' | 'recordsInvalid' | 'recordsFailed'>>;

export function countersOf(run: ExecutionRow) {
  return {
    stream: run.stream,
    status: run.status,
    pages: run.pages,
    created: run.recordsCreated,
    updated: run.recordsUpdated,
    unchanged: run.recordsUnchanged,
    deleted: run.recordsDeleted,
    processed: run.recordsProcessed,
    invalid: run.recordsInvalid,
    failed: run.recordsFailed,
    error: run.errorDetails ?? null,
  };
}

function runOf(runs: readonly ExecutionRow[], stream: string, when: string): ExecutionRow {
  const run = runs.find((r) => r.stream === stream);
  if (!run) throw new CheckFailure(`${when}: stream ${stream} did not run`);
  return run;
}

/** Fails unless every run ended with `status` (default completed). */
export function expectStatus(runs: readonly ExecutionRow[], when: string, status: ExecutionRow['status'] = 'completed'): void {
  const off = runs.filter((run) => run.status !== status);
  if (off.length > 0) {
    const first = off[0]!;
    const error = first.errorDetails as { code?: string; message?: string } | null;
    throw new CheckFailure(`${when}: stream ${first.stream} ended ${first.status}, expected ${status}${error?.message ? ` (${error.code}: ${error.message})` : ''}`, {
      runs: runs.map(countersOf),
    });
  }
}

/**
 * Fails unless each data stream's run has the expected counters, and every other stream (no data at the
 * simulator) wrote nothing. Rejected records are never expected: `invalid` and `failed` must be 0.
 */
export function expectCounters(env: ScenarioEnv, runs: readonly ExecutionRow[], when: string, expected: Counters | ((stream: AnyStream) => Counters)): void {
  for (const stream of env.connector.streams ?? []) {
    const run = runOf(runs, stream.name, when);
    const hasData = env.dataStreams.includes(stream);
    const forStream = typeof expected === 'function' ? expected(stream) : expected;
    const want: Counters = hasData ? { recordsInvalid: 0, recordsFailed: 0, ...forStream } : { recordsCreated: 0, recordsUpdated: 0, recordsInvalid: 0, recordsFailed: 0 };
    for (const [key, value] of Object.entries(want) as [keyof Counters, number][]) {
      if (run[key] !== value) {
        throw new CheckFailure(`${when}: stream ${stream.name} has ${key} = ${run[key]}, expected ${value}`, { run: countersOf(run), expected: want });
      }
    }
  }
}

/** The run of the first data stream (what single-stream checks look at). */
export function dataRun(env: ScenarioEnv, runs: readonly ExecutionRow[], when: string): ExecutionRow {
  const stream = env.dataStreams[0];
  if (!stream) throw new CheckFailure(`${when}: the simulator serves no stream of this connector`);
  return runOf(runs, stream.name, when);
}
