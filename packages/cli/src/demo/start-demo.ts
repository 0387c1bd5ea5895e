import type { SimulatorHandle } from '@patchbay/conformance';
import { MAX_LIMIT, systemActor, type Engine, type Logger } from '@patchbay/engine';
import { PatchbayError, systemClock } from '@patchbay/types';
import { demoSources, type DemoSource } from './demo-sources.ts';
import { ensureDemoTickets } from './demo-tickets.ts';
import { installDemoSource, type DemoInstance } from './install-demo-source.ts';

/** Records per page the simulated vendors serve (and the configurations they hand out ask for). */
const PAGE_SIZE = 50;

export interface Demo {
  readonly instances: readonly DemoInstance[];
  /** The running simulators, in the order of `instances`. */
  readonly simulators: readonly SimulatorHandle[];
  /** Stops the simulators (after the hub has stopped syncing). */
  close(): Promise<void>;
}

async function startSimulator(source: DemoSource): Promise<SimulatorHandle> {
  const simulator = await source.simulator({ pageSize: PAGE_SIZE, clock: systemClock });
  for (const [stream, count] of Object.entries(source.seed)) simulator.seed(stream, { count });
  return simulator;
}

/**
 * Demo mode's sample data, through the real code paths: each simulated vendor runs in this process on a
 * random 127.0.0.1 port and is installed (or, on a later start, found and re-pointed) as an ordinary
 * instance of the default organisation, acting as `system:demo`; then a ticket rule, and a first sync of
 * every active demo instance, queued like the wizard's.
 */
export async function startDemo(engine: Engine, log: Logger, sources: readonly DemoSource[] = demoSources): Promise<Demo> {
  const org = (await engine.organizations.list({ limit: MAX_LIMIT })).items.find((o) => o.slug === 'default');
  if (!org) throw new PatchbayError('NOT_FOUND', { message: 'Demo mode needs the organisation "default"', hint: 'Start the demo on its own data folder (the default, ./data-demo).' });
  const actor = systemActor(org.id, 'demo');
  const simulators: SimulatorHandle[] = [];
  const close = async () => void (await Promise.allSettled(simulators.map((s) => s.close())));
  try {
    for (const source of sources) simulators.push(await startSimulator(source));
    const instances: DemoInstance[] = [];
    for (const [i, source] of sources.entries()) instances.push(await installDemoSource(engine, actor, log, source, simulators[i]!));
    await ensureDemoTickets(engine, actor, instances);
    // The ticket engine reads the outbox from where it first looks: it looks now, before the first findings arrive.
    await engine.tickets.runOnce();
    for (const { instance } of instances) if (instance.status === 'active') await engine.sync.start(actor, instance.id);
    for (const [i, d] of instances.entries()) {
      log.info({ instanceId: d.instance.id, connector: d.source.connectorId, simulator: simulators[i]!.baseUrl, status: d.instance.status, created: d.created }, 'demo: integration ready');
    }
    return { instances, simulators, close };
  } catch (error) {
    await close();
    throw error;
  }
}
