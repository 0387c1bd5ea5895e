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
  registerDestinationMetrics(registry, engine);
}

/** SIEM destinations: state, lag in events and in age, read from the database at scrape time (one series per destination). */
function registerDestinationMetrics(registry: Registry, engine: Engine): void {
  let pending: ReturnType<typeof engine.destinations.healthAll> | undefined;
  const rows = () => (pending ??= engine.destinations.healthAll().finally(() => setImmediate(() => (pending = undefined))));
  const labels = ['destination_id', 'instance_id'] as const;
  const gauge = (name: string, help: string, value: (r: Awaited<ReturnType<typeof rows>>[number]) => number) =>
    new Gauge({
      name,
      help,
      labelNames: labels,
      registers: [registry],
      async collect() {
        const all = await rows();
        this.reset();
        for (const r of all) this.set({ destination_id: r.row.id, instance_id: r.row.instanceId }, value(r));
      },
    });
  gauge('patchbay_destination_failing', 'Destination state: 1 failing (its cursor waits), 0 healthy or paused', (r) => (r.health.state === 'failing' ? 1 : 0));
  gauge('patchbay_destination_events_behind', 'Outbox events of the organisation after the destination cursor', (r) => r.health.eventsBehind);
  gauge('patchbay_destination_oldest_unsent_age_seconds', 'Age of the oldest outbox event after the destination cursor (0 when caught up)', (r) => r.health.oldestUnsentAgeSeconds);
}
