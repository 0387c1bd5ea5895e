import { z } from 'zod';
import type { MetricValues } from '@patchbay/engine';
import { iso, pageQuery } from './common.ts';

/** Longest range one request may cover. */
export const MAX_RANGE_DAYS = 400;

export const metricsQuery = pageQuery.extend({
  since: z.iso.datetime({ offset: true }).optional().describe('Start (floored to the hour); default: 24 hours before until'),
  until: z.iso.datetime({ offset: true }).optional().describe('End (exclusive); default: now'),
});

export const seriesQuery = metricsQuery.extend({
  granularity: z.enum(['hour', 'day']).default('hour').describe('Period of each point (days are UTC)'),
});

/** ConnectorMetrics values: sums over the period plus the derived percentages. */
export const metricValuesJson = z.object({
  availability_percentage: z.number().nullable().describe('API calls the vendor served (not 5xx, timeout or network failure); without API calls, operations that succeeded'),
  average_response_time: z.number().int().nullable().describe('Milliseconds per API call'),
  error_rate: z.number().nullable().describe('Percentage of operations (syncs, connection tests) that failed'),
  total_operations: z.number().int(),
  failed_operations: z.number().int(),
  data_transferred: z.number().int().describe('Response bytes'),
  api_calls: z.number().int(),
  api_errors: z.number().int(),
  throttling_events: z.number().int().describe('Vendor 429 answers and rate-limiter waits'),
  throttled_ms: z.number().int(),
  records_processed: z.number().int(),
});

export const instanceMetricsJson = metricValuesJson.extend({
  instance_id: z.uuid(),
  instance_name: z.string(),
  connector_id: z.string(),
  period_start: iso,
  period_end: iso,
});

export const metricsPointJson = metricValuesJson.extend({ period_start: iso, period_end: iso });

export function toValuesJson(v: MetricValues): z.infer<typeof metricValuesJson> {
  return {
    availability_percentage: v.availabilityPercentage,
    average_response_time: v.averageResponseTimeMs,
    error_rate: v.errorRate,
    total_operations: v.operations,
    failed_operations: v.failedOperations,
    data_transferred: v.bytes,
    api_calls: v.apiCalls,
    api_errors: v.apiErrors,
    throttling_events: v.throttlingEvents,
    throttled_ms: v.throttledMs,
    records_processed: v.recordsProcessed,
  };
}
