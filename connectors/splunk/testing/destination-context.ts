import { AutoAdvanceClock, connectorContext } from '@patchbay/conformance';
import { createFormatter, sampleOcsfRecords } from '@patchbay/conformance/destination';
import { apiKeyAuth, type AuthApplier, type DestinationContext, type DestinationEvent, type DestinationFormat } from '@patchbay/sdk';
import { Secret } from '@patchbay/types';
import type { SplunkConfig } from '../config.ts';
import splunk from '../connector.ts';

export const INSTANCE = '6a1b2c3d-0000-4000-8000-000000000002';

/** `Authorization: Splunk <token>`, as the vault applies an api_key credential with prefix "Splunk ". */
export const hecAuth = (token: string): AuthApplier => apiKeyAuth({ in: 'header', name: 'Authorization', value: new Secret(token), prefix: 'Splunk ' });

/**
 * A destination context built as the engine builds it (config parsed, SSRF guard, the client's retries
 * and timeouts on `clock`), with `auth` on every request. Close it when done.
 */
export function destinationContext(configuration: Record<string, unknown>, auth: AuthApplier | undefined, clock = new AutoAdvanceClock()) {
  const ctx = connectorContext({ connector: splunk, configuration, clock, ...(auth ? { auth } : {}) });
  const destination = { ...ctx, checkHost: () => undefined, lookup: () => undefined } as unknown as DestinationContext<SplunkConfig> & { close(): Promise<void> };
  return { ctx: destination, clock };
}

/**
 * `count` events rendered by the hub's own formatter from real OCSF records (the CrowdStrike and
 * Security Hub mappers' output on vendor samples), as the engine hands them to `send`.
 */
export async function renderedEvents(format: DestinationFormat, count: number, options: Record<string, unknown> = {}): Promise<DestinationEvent[]> {
  const render = createFormatter(format, { hostname: 'hub1', template: '"sev=" & record.severity_id & " title=" & record.finding_info.title', ...options });
  const out: DestinationEvent[] = [];
  for (let i = 0; i < count; i++) {
    const record = i % 2 === 0 ? sampleOcsfRecords.detection : sampleOcsfRecords.finding;
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const envelope = { type: 'record.created', timestamp: new Date(Date.UTC(2026, 4, 1, 10, 0, i)).toISOString(), data: { instance_id: INSTANCE, class_uid: record.class_uid, severity_id: record.severity_id, record } };
    out.push({ id, seq: i + 1, type: envelope.type, occurredAt: new Date(envelope.timestamp), instanceId: INSTANCE, severityId: Number(record.severity_id), body: await render({ id, instanceId: INSTANCE, envelope }) });
  }
  return out;
}
