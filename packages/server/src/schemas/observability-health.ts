import { z } from 'zod';
import type { HealthSummary, HealthView } from '@patchbay/engine';
import { iso, isoOrNull, toIso } from './common.ts';
import { instanceStatus } from './instance.ts';

export const healthState = z.enum(['unknown', 'healthy', 'degraded', 'unhealthy']);

export const healthJson = z.object({
  instance_id: z.uuid(),
  instance_name: z.string(),
  connector_id: z.string(),
  instance_status: instanceStatus,
  state: healthState.describe('unhealthy: 3 failures in a row; degraded: the latest operation failed, a stream is stale, or the vendor throttled the latest sync; unknown: nothing ran yet'),
  reasons: z.array(z.string()).describe('`consecutive_failures`, `recent_failure`, `stale_streams`, `throttled`'),
  consecutive_failures: z.number().int(),
  last_error: z
    .object({ code: z.string(), kind: z.string(), message: z.string(), operation: z.string(), sync_id: z.uuid().nullable(), at: iso })
    .nullable()
    .describe('The latest failure, kept after recovery'),
  last_success_at: isoOrNull,
  last_failure_at: isoOrNull,
  state_changed_at: isoOrNull,
  stale_streams: z.array(z.object({ stream: z.string(), stale_since: iso, last_success_at: isoOrNull, interval_minutes: z.number().int() })),
});

export const healthSummaryJson = z.object({
  status: healthState.describe('The worst state among instances that are not inactive'),
  counts: z.object({ unknown: z.number().int(), healthy: z.number().int(), degraded: z.number().int(), unhealthy: z.number().int() }),
  total: z.number().int(),
});

export function toHealthJson(h: HealthView): z.infer<typeof healthJson> {
  return {
    instance_id: h.instanceId,
    instance_name: h.instanceName,
    connector_id: h.connectorId,
    instance_status: h.instanceStatus,
    state: h.state,
    reasons: h.reasons,
    consecutive_failures: h.consecutiveFailures,
    last_error: h.lastError,
    last_success_at: toIso(h.lastSuccessAt),
    last_failure_at: toIso(h.lastFailureAt),
    state_changed_at: toIso(h.stateChangedAt),
    stale_streams: h.staleStreams.map((s) => ({ stream: s.stream, stale_since: s.staleSince.toISOString(), last_success_at: toIso(s.lastSuccessAt), interval_minutes: s.intervalMinutes })),
  };
}

export function toSummaryJson(s: HealthSummary): z.infer<typeof healthSummaryJson> {
  return { status: s.overall, counts: s.counts, total: s.total };
}
