import { z } from 'zod';
import { PatchbayError } from '@patchbay/types';
import { route } from '../../route-def.ts';
import { iso, standardErrors, uuidParam } from '../../schemas/common.ts';
import { instanceMetricsJson, MAX_RANGE_DAYS, metricsPointJson, metricsQuery, metricValuesJson, seriesQuery, toValuesJson } from '../../schemas/observability-metrics.ts';

const tags = ['observability'];
const DAY_MS = 86_400_000;

/** The requested range: until defaults to now, since to a day before until. */
function rangeOf(query: { since?: string; until?: string }, now: Date) {
  const until = query.until ? new Date(query.until) : now;
  const since = query.since ? new Date(query.since) : new Date(until.getTime() - DAY_MS);
  if (!(since < until)) throw new PatchbayError('VALIDATION_FAILED', { field: 'query.since', message: 'since must be before until' });
  if (until.getTime() - since.getTime() > MAX_RANGE_DAYS * DAY_MS) throw new PatchbayError('VALIDATION_FAILED', { field: 'query.since', message: `A range covers at most ${MAX_RANGE_DAYS} days` });
  return { since, until };
}

export const metricsRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/metrics',
    access: 'read',
    summary: 'ConnectorMetrics of every instance over a period (default: the last 24 hours)',
    description: 'Availability, average response time, error rate, operations, bytes, API calls and throttling events per instance, from hourly buckets.',
    tags,
    schema: {
      querystring: metricsQuery,
      response: { 200: z.object({ since: iso, until: iso, items: z.array(instanceMetricsJson), next_cursor: z.string().nullable() }), ...standardErrors },
    },
    async handler({ engine, actor, query }) {
      const { range, page } = await engine.observability.metrics.byInstance(actor, rangeOf(query, engine.deps.clock.now()), query);
      const period = { period_start: range.since.toISOString(), period_end: range.until.toISOString() };
      return {
        since: period.period_start,
        until: period.period_end,
        items: page.items.map((m) => ({ instance_id: m.instanceId, instance_name: m.instanceName, connector_id: m.connectorId, ...period, ...toValuesJson(m) })),
        next_cursor: page.nextCursor,
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/metrics/:id',
    access: 'read',
    summary: "One instance's ConnectorMetrics: totals over the period and a series by hour or day",
    description: 'Only periods with activity appear in `items`.',
    tags,
    schema: {
      params: uuidParam,
      querystring: seriesQuery,
      response: {
        200: z.object({ instance_id: z.uuid(), instance_name: z.string(), connector_id: z.string(), since: iso, until: iso, granularity: z.enum(['hour', 'day']), totals: metricValuesJson, items: z.array(metricsPointJson), next_cursor: z.string().nullable() }),
        ...standardErrors,
      },
    },
    async handler({ engine, actor, params, query }) {
      const { instance, range, totals, series } = await engine.observability.metrics.series(actor, params.id, rangeOf(query, engine.deps.clock.now()), query.granularity, query);
      return {
        instance_id: instance.id,
        instance_name: instance.name,
        connector_id: instance.connectorId,
        since: range.since.toISOString(),
        until: range.until.toISOString(),
        granularity: query.granularity,
        totals: toValuesJson(totals),
        items: series.items.map((p) => ({ period_start: p.periodStart.toISOString(), period_end: p.periodEnd.toISOString(), ...toValuesJson(p) })),
        next_cursor: series.nextCursor,
      };
    },
  }),
];
