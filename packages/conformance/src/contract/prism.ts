import { resolve } from 'node:path';
import { startPrism, type PrismProcess } from './prism-process.ts';
import { startRelay, type Relay } from './relay.ts';
import { violationsIn, type ContractViolation } from './violations.ts';

/** A use of the shared Prism for one spec, pointed at one simulator. Uses of one spec take turns. */
export interface ContractLease {
  /** Where the connector sends its requests: through Prism to the simulator. */
  readonly url: string;
  /** The violations Prism reported since this lease began. */
  readonly violations: () => readonly ContractViolation[];
  /** How many exchanges went through Prism during this lease. */
  readonly exchanges: () => number;
  release(): void;
}

/** connector -> front relay (reads Prism's verdicts) -> Prism -> back relay (switchable) -> simulator */
interface SharedProxy {
  readonly front: Relay;
  readonly back: Relay;
  readonly prism: PrismProcess;
  turn: Promise<void>;
  violations: ContractViolation[];
  exchanges: number;
}

const proxies = new Map<string, Promise<SharedProxy>>();

async function startProxy(spec: string): Promise<SharedProxy> {
  const back = await startRelay();
  let prism: PrismProcess;
  try {
    prism = await startPrism(spec, back.url);
  } catch (error) {
    await back.close();
    throw error;
  }
  const shared: Partial<SharedProxy> & { violations: ContractViolation[]; exchanges: number } = { violations: [], exchanges: 0 };
  const front = await startRelay((exchange) => {
    shared.exchanges += 1;
    shared.violations.push(...violationsIn(exchange));
  });
  front.target = prism.url;
  return Object.assign(shared, { front, back, prism, turn: Promise.resolve() });
}

/**
 * Sends a simulator's traffic through `prism proxy <spec> --errors`. One Prism runs per spec for the
 * whole process (started on first use, ~1-2 s); leases of the same spec wait for each other.
 */
export async function leaseContractProxy(spec: string, upstream: string): Promise<ContractLease> {
  const key = resolve(spec);
  let pending = proxies.get(key);
  if (!pending) {
    pending = startProxy(key);
    proxies.set(key, pending);
    pending.catch(() => proxies.delete(key));
  }
  const shared = await pending;
  const previous = shared.turn;
  let release!: () => void;
  shared.turn = new Promise<void>((done) => (release = done));
  await previous;
  shared.back.target = upstream;
  shared.violations = [];
  shared.exchanges = 0;
  let released = false;
  return {
    url: shared.front.url,
    violations: () => [...shared.violations],
    exchanges: () => shared.exchanges,
    release() {
      if (released) return;
      released = true;
      shared.back.target = undefined;
      release();
    },
  };
}

/** Stops every shared Prism and its relays (afterAll, or the CLI when it is done). */
export async function closeContractProxies(): Promise<void> {
  const all = [...proxies.values()];
  proxies.clear();
  for (const pending of all) {
    const shared = await pending.catch(() => undefined);
    if (!shared) continue;
    await shared.prism.stop();
    await shared.front.close();
    await shared.back.close();
  }
}
