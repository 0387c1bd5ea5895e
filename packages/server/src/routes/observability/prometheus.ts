import { Counter, Gauge, type Registry } from 'prom-client';
import { engineCounters, healthGaugeValue, type Engine, type EngineCounter } from '@patchbay/engine';

const labelNames = ['instance_id', 'connector_id'] as const;

/**
 * Exposes the engine's per-instance numbers on /metrics. Labels are the instance id and connector id
 * only, so series grow with the number of instances, never with requests, streams or errors.
 * Counters are this process's; the health gauges are read from the database at scrape time.
 */
export function registerEngineMetrics(registry: Registry, engine: Engine): void {
  for (const [key, def] of Object.entries(engineCounters) as [EngineCounter, (typeof engineCounters)[EngineCounter]][]) {
    new Counter({
      name: def.name,
      help: def.help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const s of engine.observability.prometheus.counter(key)) this.inc({ instance_id: s.instanceId, connector_id: s.connectorId }, s.value);
      },
    });
  }
  // Both gauges come from one query per scrape.
  let pending: ReturnType<typeof engine.observability.prometheus.health> | undefined;
  const healthRows = () => (pending ??= engine.observability.prometheus.health().finally(() => setImmediate(() => (pending = undefined))));
  new Gauge({
    name: 'patchbay_instance_health',
    help: 'Instance health: 0 unknown, 1 healthy, 2 degraded, 3 unhealthy (instances that are not inactive)',
    labelNames,
    registers: [registry],
    async collect() {
      const rows = await healthRows();
      this.reset();
      for (const r of rows) this.set({ instance_id: r.instanceId, connector_id: r.connectorId }, healthGaugeValue[r.state]);
    },
  });
  new Gauge({
    name: 'patchbay_instance_stale_streams',
    help: 'Streams of the instance past twice their schedule interval',
    labelNames,
    registers: [registry],
    async collect() {
      const rows = await healthRows();
      this.reset();
      for (const r of rows) this.set({ instance_id: r.instanceId, connector_id: r.connectorId }, r.staleStreams);
    },
  });
}
