/**
 * Process-local counters for Prometheus, labelled by instance and connector only (bounded by the
 * number of instances). The engine keeps the numbers; the server turns them into prom-client
 * collectors, so the engine does not depend on prom-client or on the server.
 */
export const engineCounters = {
  recordsSynced: { name: 'patchbay_sync_records_total', help: 'Records processed by sync executions' },
  syncExecutions: { name: 'patchbay_sync_executions_total', help: 'Sync executions finished (completed, failed or cancelled)' },
  syncFailures: { name: 'patchbay_sync_failures_total', help: 'Sync executions that failed' },
  apiCalls: { name: 'patchbay_connector_api_calls_total', help: 'HTTP attempts to vendor APIs (retries count)' },
  apiErrors: { name: 'patchbay_connector_api_errors_total', help: 'HTTP attempts to vendor APIs that failed' },
  throttlingEvents: { name: 'patchbay_connector_throttling_events_total', help: 'Vendor 429 answers and rate-limiter waits' },
  bytes: { name: 'patchbay_connector_response_bytes_total', help: 'Response bytes read from vendor APIs' },
} as const;

export type EngineCounter = keyof typeof engineCounters;

export interface CounterSample {
  readonly instanceId: string;
  readonly connectorId: string;
  readonly value: number;
}

export function createEngineMetrics() {
  const values = new Map<EngineCounter, Map<string, { instanceId: string; connectorId: string; value: number }>>();
  return {
    inc(counter: EngineCounter, labels: { readonly instanceId: string; readonly connectorId: string }, by = 1): void {
      if (by <= 0) return;
      let series = values.get(counter);
      if (!series) values.set(counter, (series = new Map()));
      const key = `${labels.instanceId}/${labels.connectorId}`;
      const sample = series.get(key);
      if (sample) sample.value += by;
      else series.set(key, { instanceId: labels.instanceId, connectorId: labels.connectorId, value: by });
    },
    samples(counter: EngineCounter): CounterSample[] {
      return [...(values.get(counter)?.values() ?? [])].map((s) => ({ ...s }));
    },
  };
}

export type EngineMetrics = ReturnType<typeof createEngineMetrics>;
