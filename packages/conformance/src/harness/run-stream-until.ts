import { buildConnectorContext, createExecution, runStream, type ExecutionRow } from '@patchbay/engine';
import type { AnyStream } from '@patchbay/sdk';
import type { ScenarioEnv } from './scenario-env.ts';

export interface StopRule {
  /** Stop the run (as a crash would) once this many pages are committed; undefined runs to the end. */
  readonly afterPages?: number;
  /** Sees each committed page's checkpoint. */
  readonly onCheckpoint?: (stream: string, checkpoint: unknown) => void;
}

/** The reason a run is stopped with: the process "dies" right after a page commits. */
export const SIMULATED_CRASH = 'conformance: simulated crash after a committed page';

/**
 * Runs one stream through the engine's stream runner, the way `runNow` does, but with a hook after each
 * committed page: the suite watches checkpoints and cuts the run short where a crash would.
 */
export async function runStreamUntil(env: ScenarioEnv, stream: AnyStream, stop: StopRule): Promise<ExecutionRow> {
  const instance = await env.engine.instances.get(env.actor, env.instance.id);
  const controller = new AbortController();
  const ctx = buildConnectorContext({
    connector: env.connector,
    instance,
    clock: env.clock,
    log: env.engine.deps.log,
    signal: controller.signal,
    ...(env.auth.applier ? { auth: env.auth.applier } : {}),
  });
  const execution = await createExecution(
    env.database.db,
    { organizationId: instance.organizationId, instanceId: instance.id, stream: stream.name, trigger: 'conformance' },
    env.clock.now(),
  );
  try {
    return await runStream({
      deps: env.engine.deps,
      connector: env.connector,
      stream,
      instance,
      ctx,
      execution,
      onPage: ({ index, checkpoint }) => {
        stop.onCheckpoint?.(stream.name, checkpoint);
        if (stop.afterPages !== undefined && index + 1 >= stop.afterPages) controller.abort(new Error(SIMULATED_CRASH));
      },
    });
  } finally {
    controller.abort();
    await ctx.close();
  }
}
