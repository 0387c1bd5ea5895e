import { afterEach } from 'vitest';
import { AutoAdvanceClock } from '@patchbay/conformance';
import type { PatchbayError } from '@patchbay/types';
import { startSentinelSimulator, type SentinelSimulatorHandle, type SentinelSimulatorOptions } from '../simulator/index.ts';
import { destinationContext, tokenSource } from './events.ts';

export interface SenderOptions {
  readonly config?: Record<string, unknown>;
  readonly simulator?: Partial<SentinelSimulatorOptions>;
  /** Mints the tokens the context's auth hands out (default: Azure Monitor tokens of the simulator). */
  readonly issue?: (sim: SentinelSimulatorHandle) => string;
  readonly allowPrivateNetwork?: boolean;
}

/**
 * A simulator and a destination context pointing at it, on a clock that never really waits, closed after
 * each test of the file that calls `useSender()`.
 */
export function useSender() {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const thing of open.splice(0).reverse()) await thing.close();
  });
  async function setup(options: SenderOptions = {}) {
    const clock = new AutoAdvanceClock('2026-05-01T12:00:00Z');
    const s = await startSentinelSimulator({ pageSize: 5, clock, ...options.simulator });
    open.push(s);
    const tokens = tokenSource(() => (options.issue ?? ((sim) => sim.issueToken()))(s));
    const ctx = destinationContext({ configuration: { ...s.configuration, ...options.config }, clock, auth: tokens.auth, ...(options.allowPrivateNetwork === undefined ? {} : { allowPrivateNetwork: options.allowPrivateNetwork }) });
    open.push(ctx);
    return { s, ctx, clock, tokens, track: <T extends { close(): Promise<void> }>(thing: T): T => (open.push(thing), thing) };
  }
  return { setup };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<PatchbayError> {
  try {
    await promise;
  } catch (error) {
    return error as PatchbayError;
  }
  throw new Error('expected the send to fail');
}
