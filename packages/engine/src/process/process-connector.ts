import type { AnyConnector, ConnectorContext } from '@patchbay/sdk';
import type { ProcessCredentialResolver } from './credentials.ts';
import { defaultProcessLimits, type ProcessLimits } from './limits.ts';
import { protocolError } from './program-errors.ts';
import type { ProcessOperation } from './protocol.ts';
import { readPages } from './read-pages.ts';
import { createRecordMapper } from './record-mapper.ts';
import { requestAnswer } from './request-answer.ts';
import type { ProgramCommand, RunProgramOptions } from './run-program.ts';
import { connectorFromSpec } from './spec-declaration.ts';
import type { ProgramSpec } from './spec-schema.ts';

/** A registered program: how to start it and the spec it printed. */
export interface ProgramRegistration {
  readonly program: ProgramCommand;
  readonly spec: unknown;
}

export interface ProcessConnectorOptions {
  readonly limits?: ProcessLimits;
  /** The instance's credentials for the program's stdin (the vault); none when absent. */
  readonly credentials?: ProcessCredentialResolver;
}

/** What the engine keeps about a connector that is a program. */
export interface ProcessProgram {
  readonly program: ProgramCommand;
  readonly spec: ProgramSpec;
  /** Runs `discover`: which of the spec's streams this instance can read. */
  discover(ctx: ConnectorContext): Promise<readonly { readonly name: string; readonly available: boolean; readonly reason?: string }[]>;
}

const programs = new WeakMap<AnyConnector, ProcessProgram>();

/** The program behind a connector, when it is a process-protocol connector. */
export function processProgramOf(connector: AnyConnector): ProcessProgram | undefined {
  return programs.get(connector);
}

/**
 * Turns a registered program into a connector the engine runs like any other: each stream's `fetch`
 * spawns `read` and yields a page per STATE, `map` returns the OCSF object the program sent with the
 * record (or runs the program's `map` for a record it did not send), `validate` runs `check`, and each
 * action's `run` runs `invoke`. Throws CONNECTOR_SPEC_INVALID when the spec is not a valid declaration.
 */
export function processConnector(registration: ProgramRegistration, options: ProcessConnectorOptions = {}): AnyConnector {
  const limits = options.limits ?? defaultProcessLimits;
  let id = '(unregistered)';
  const mapper = createRecordMapper(registration.program, () => id, limits);
  const base = async (ctx: ConnectorContext, operation: ProcessOperation): Promise<Omit<RunProgramOptions, 'operation'>> => ({
    program: registration.program,
    name: id,
    clock: ctx.clock,
    log: ctx.log,
    signal: ctx.signal,
    limits,
    credentials: await options.credentials?.(ctx.instanceId, operation),
  });
  const { connector, spec } = connectorFromSpec(registration.spec, {
    fetch: (stream, checkpointSchema) =>
      async function* fetch(ctx, checkpoint) {
        const request = { instance_id: ctx.instanceId, config: ctx.config, stream, checkpoint: checkpoint ?? null };
        yield* readPages({ ...(await base(ctx, 'read')), request, stream, checkpointSchema, remember: mapper.remember });
      },
    map: (stream) => (raw) => mapper.map(stream, raw),
    run: (action) => async (ctx, input) => {
      const request = { instance_id: ctx.instanceId, config: ctx.config, action, input };
      return (await requestAnswer({ ...(await base(ctx, 'invoke')), operation: 'invoke', request }, 'RESULT')).output;
    },
    async validate(ctx) {
      const request = { instance_id: ctx.instanceId, config: ctx.config };
      const answer = await requestAnswer({ ...(await base(ctx, 'check')), operation: 'check', request }, 'CHECK');
      return { ok: true, details: answer.details ?? {} };
    },
  });
  id = connector.id;
  programs.set(connector, {
    program: registration.program,
    spec,
    async discover(ctx) {
      const request = { instance_id: ctx.instanceId, config: ctx.config };
      const answer = await requestAnswer({ ...(await base(ctx, 'discover')), operation: 'discover', request }, 'CATALOG');
      const declared = new Set(spec.streams.map((s) => s.name));
      const unknown = answer.streams.find((s) => !declared.has(s.name));
      if (unknown) throw protocolError({ name: id, operation: 'discover' }, `CATALOG names stream ${JSON.stringify(unknown.name)}, which the spec does not declare`);
      return answer.streams;
    },
  });
  return connector;
}
