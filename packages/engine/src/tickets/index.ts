import type { Transport } from '@patchbay/sdk';
import type { InstanceService } from '../instances/instances.ts';
import type { EngineDeps } from '../lib/engine-deps.ts';
import type { ConnectorRegistry } from '../runtime/connector-registry.ts';
import type { AuthResolver } from '../sync/sync-service.ts';
import { checkSla } from './sla-check.ts';
import { createSlaPolicyService } from './sla-policies.ts';
import { createTicketEngine, type TicketEngineOptions } from './ticket-engine.ts';
import { createTicketOperations } from './ticket-operations.ts';
import { createTicketRuleService } from './ticket-rules.ts';
import { createTicketService } from './ticket-service.ts';

export interface TicketsOptions extends TicketEngineOptions {
  /** Idle poll interval of the ticket loop (real time; default 500 ms). */
  readonly pollMs?: number;
}

/**
 * Ticketing: rules and SLA policies (CRUD), tickets (read, retry), the engine that reads the outbox and
 * queues ITSM calls, the operations that make them, and the SLA check. `start` runs the loop in the
 * scheduler's process; `runOnce`/`drain` in tests.
 */
export function createTickets(deps: EngineDeps, registry: ConnectorRegistry, instances: InstanceService, authFor?: AuthResolver, transport?: Transport, options: TicketsOptions = {}) {
  const engine = createTicketEngine(deps, registry, options);
  const operations = createTicketOperations(deps, registry, instances, engine, authFor, transport);
  let wakeUp: (() => void) | null = null;
  const wake = () => wakeUp?.();
  let loop: { stopped: boolean; done: Promise<void> } | null = null;

  async function runOnce(): Promise<number> {
    const read = await engine.runOnce();
    const called = await operations.runOnce();
    return read + called;
  }

  return {
    rules: createTicketRuleService(deps, registry, wake),
    slaPolicies: createSlaPolicyService(deps),
    ...createTicketService(deps, wake),
    runOnce,
    /** Runs until the outbox is read and no operation is due (tests). */
    async drain(): Promise<number> {
      let total = 0;
      for (let n = await runOnce(); n > 0; n = await runOnce()) total += n;
      return total;
    },
    checkSla: () => checkSla(deps),
    start(): void {
      if (loop) return;
      const state = { stopped: false, done: Promise.resolve() };
      state.done = (async () => {
        while (!state.stopped) {
          let moved = 0;
          try {
            moved = await runOnce();
          } catch (error) {
            deps.log.error({ err: error }, 'ticket step failed');
          }
          if (state.stopped || moved > 0) continue;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, options.pollMs ?? 500);
            wakeUp = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wakeUp = null;
        }
      })();
      loop = state;
    },
    async stop(): Promise<void> {
      const current = loop;
      loop = null;
      if (!current) return;
      current.stopped = true;
      wake();
      await current.done;
    },
  };
}

export type Tickets = ReturnType<typeof createTickets>;

export type { TicketRow } from './ticket-engine.ts';
export type { TicketRuleRow, TicketRuleInput, AssetConditions } from './ticket-rules.ts';
export type { SlaPolicyRow, SlaPolicyInput } from './sla-policies.ts';
export type { TicketFinding, TicketFilter } from './ticket-service.ts';
export { defaultPriorityMatrix, matrixCriticalities, matrixSeverities, type PriorityMatrix } from './priority.ts';
export { MAX_TICKET_ATTEMPTS } from './ticket-operations.ts';
