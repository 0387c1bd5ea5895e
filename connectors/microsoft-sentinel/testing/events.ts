import { createFormatter, sampleOcsfRecords } from '@patchbay/conformance/destination';
import { connectorContext } from '@patchbay/conformance';
import { oauth2Auth, resolveAllowedHosts, SsrfGuard, type DestinationBatch, type DestinationContext, type DestinationEvent, type DestinationFormat, type TokenRequest } from '@patchbay/sdk';
import { Secret, type Clock } from '@patchbay/types';
import { sentinelConfig, type SentinelConfig } from '../config.ts';
import connector from '../connector.ts';

export const INSTANCE = '6a1b2c3d-0000-4000-8000-000000000001';

/**
 * Events as the engine hands them to a destination: real OCSF records (the CrowdStrike and Security Hub
 * mappers' output on vendor samples, from the conformance destination kit) rendered by the hub's own
 * formatter, `record.created` envelopes, one second apart. `pad` grows each record's message to size rows.
 */
export async function eventsIn(format: DestinationFormat, count: number, options: { template?: string; pad?: number; firstSeq?: number } = {}): Promise<DestinationEvent[]> {
  const render = createFormatter(format, { hostname: 'hub1', ...(options.template ? { template: options.template } : {}) });
  const out: DestinationEvent[] = [];
  for (let i = 0; i < count; i++) {
    const sample = i % 2 === 0 ? sampleOcsfRecords.detection : sampleOcsfRecords.finding;
    const record = options.pad ? { ...sample, message: `${String(sample.message)} ${'x'.repeat(options.pad)}` } : sample;
    const seq = (options.firstSeq ?? 1) + i;
    const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
    const envelope = { type: 'record.created', timestamp: new Date(Date.UTC(2026, 4, 1, 10, 0, 0) + seq * 1000).toISOString(), data: { instance_id: INSTANCE, class_uid: record.class_uid, severity_id: record.severity_id, record } };
    out.push({ id, seq, type: envelope.type, occurredAt: new Date(envelope.timestamp), instanceId: INSTANCE, severityId: Number(record.severity_id), body: await render({ id, instanceId: INSTANCE, envelope }) });
  }
  return out;
}

export const batchOf = (format: DestinationFormat, events: readonly DestinationEvent[]): DestinationBatch => ({ format, events, replay: false });

/** Bearer tokens from a test-controlled source (the vault's place): `issue` mints one; a forced refresh mints another. */
export function tokenSource(issue: () => string) {
  const requests: TokenRequest[] = [];
  let current: string | undefined;
  const auth = oauth2Auth({
    getToken: async (request) => {
      requests.push(request);
      if (current === undefined || request.forceRefresh) current = issue();
      return new Secret(current);
    },
  });
  return { auth, requests, refreshes: () => requests.filter((r) => r.forceRefresh).length };
}

/**
 * The destination context the engine builds for an instance (config parsed, SSRF guard, limits, auth),
 * from the conformance harness, plus the raw-socket guard a destination context carries.
 */
export function destinationContext(options: { configuration: Record<string, unknown>; clock: Clock; auth?: ReturnType<typeof tokenSource>['auth']; allowPrivateNetwork?: boolean }): DestinationContext<SentinelConfig> & { close(): Promise<void> } {
  const base = connectorContext({ connector, configuration: options.configuration, clock: options.clock, ...(options.auth ? { auth: options.auth } : {}), allowPrivateNetwork: options.allowPrivateNetwork ?? true });
  const config = sentinelConfig.parse(options.configuration);
  const guard = new SsrfGuard({ allowedHosts: resolveAllowedHosts(connector.allowedHosts, config), allowPrivateNetwork: options.allowPrivateNetwork ?? true });
  return { ...base, config, checkHost: (host) => guard.check(new URL(`https://${host}/`)), lookup: guard.lookup as never };
}
