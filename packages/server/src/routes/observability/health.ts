import { z } from 'zod';
import { route } from '../../route-def.ts';
import { pageQuery, standardErrors, uuidParam } from '../../schemas/common.ts';
import { healthJson, healthState, healthSummaryJson, toHealthJson, toSummaryJson } from '../../schemas/observability-health.ts';

const tags = ['observability'];

export const healthRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/health',
    access: 'read',
    summary: 'Overall integration health, and each instance with its last error and stale streams',
    description: 'The summary covers every instance; the items are paged by instance name and can be filtered by state.',
    tags,
    schema: {
      querystring: pageQuery.extend({ state: healthState.optional() }),
      response: { 200: healthSummaryJson.extend({ items: z.array(healthJson), next_cursor: z.string().nullable() }), ...standardErrors },
    },
    async handler({ engine, actor, query }) {
      const summary = await engine.observability.health.summary(actor);
      const page = await engine.observability.health.list(actor, query);
      return { ...toSummaryJson(summary), items: page.items.map(toHealthJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/health/:id',
    access: 'read',
    summary: "An instance's health",
    tags,
    schema: { params: uuidParam, response: { 200: healthJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toHealthJson(await engine.observability.health.get(actor, params.id)),
  }),
];
