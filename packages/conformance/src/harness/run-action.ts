import { buildConnectorContext, createLogger } from '@patchbay/engine';
import type { AnyConnector, AuthApplier, PlannedRequest, Transport } from '@patchbay/sdk';
import type { Clock } from '@patchbay/types';
import type { SimulatorHandle } from '../simulator.ts';
import { testAuthFor } from './test-auth.ts';

export interface ActionCallOptions {
  readonly connector: AnyConnector;
  readonly simulator: Pick<SimulatorHandle, 'configuration'> & { readonly connectionUrl?: string };
  readonly clock: Clock;
  /** Defaults to the conformance suite's credential for the connector's first auth method. */
  readonly auth?: AuthApplier;
}

export interface ContextOptions {
  readonly connector: AnyConnector;
  readonly configuration: Readonly<Record<string, unknown>>;
  readonly clock: Clock;
  readonly auth?: AuthApplier;
  /** Record/replay or a scripted transport. */
  readonly transport?: Transport;
  readonly connectionUrl?: string;
  /** Default true: simulators listen on 127.0.0.1. */
  readonly allowPrivateNetwork?: boolean;
}

/**
 * A connector context built the way the engine builds it (config parsed, SSRF guard, limits, auth), for
 * tests of a stream's fetch or a client on their own. Close it when done.
 */
export function connectorContext(options: ContextOptions) {
  return buildConnectorContext({
    connector: options.connector,
    instance: { id: 'connector-test', configuration: { ...options.configuration }, connectionUrl: options.connectionUrl ?? null, allowPrivateNetwork: options.allowPrivateNetwork ?? true },
    clock: options.clock,
    log: createLogger({ level: 'silent' }),
    signal: new AbortController().signal,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
  });
}

function contextFor(options: ActionCallOptions) {
  return connectorContext({
    connector: options.connector,
    configuration: options.simulator.configuration,
    clock: options.clock,
    ...(options.simulator.connectionUrl ? { connectionUrl: options.simulator.connectionUrl } : {}),
    auth: options.auth ?? testAuthFor(options.connector, options.simulator.configuration).applier,
  });
}

function actionOf(connector: AnyConnector, name: string) {
  const action = (connector.actions ?? []).find((a) => a.name === name);
  if (!action) throw new Error(`${connector.id} declares no action named ${name}`);
  return action;
}

/**
 * Runs one of a connector's actions against its simulator the way the engine will: input parsed by the
 * action's schema, the context built from the declaration (SSRF guard, limits, auth), output checked.
 * For connector tests until the action-run API exists; vendor errors surface as the HTTP client's errors.
 */
export async function runAction(options: ActionCallOptions, name: string, input: unknown): Promise<unknown> {
  const action = actionOf(options.connector, name);
  const ctx = contextFor(options);
  try {
    const output = await action.run(ctx, action.input.parse(input));
    return action.output.parse(output);
  } finally {
    await ctx.close();
  }
}

/** The requests a dry run of the action would show, without sending anything. */
export async function planAction(options: ActionCallOptions, name: string, input: unknown): Promise<readonly PlannedRequest[]> {
  const action = actionOf(options.connector, name);
  if (!action.plan) throw new Error(`${options.connector.id}/${name} declares no plan for dry runs`);
  const ctx = contextFor(options);
  try {
    return await action.plan(ctx, action.input.parse(input));
  } finally {
    await ctx.close();
  }
}
