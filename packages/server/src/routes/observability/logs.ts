import { route } from '../../route-def.ts';
import { pageOf, standardErrors, uuidParam } from '../../schemas/common.ts';
import { logFilterOf, logJson, logQuery, orgLogQuery, toLogJson } from '../../schemas/observability-logs.ts';

const tags = ['observability'];

export const logRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/logs',
    access: 'read',
    summary: 'List integration logs, newest first',
    description: 'Sync starts and ends (with their sync id), connection tests, activation, health changes and stale streams. Filter by instance, level, operation, sync id, time and text.',
    tags,
    schema: { querystring: orgLogQuery, response: { 200: pageOf(logJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.observability.logs.list(actor, { ...logFilterOf(query), instanceId: query.instance_id });
      return { items: page.items.map(toLogJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/logs/:id',
    access: 'read',
    summary: "List one instance's integration logs, newest first",
    tags,
    schema: { params: uuidParam, querystring: logQuery, response: { 200: pageOf(logJson), ...standardErrors } },
    async handler({ engine, actor, params, query }) {
      const page = await engine.observability.logs.forInstance(actor, params.id, logFilterOf(query));
      return { items: page.items.map(toLogJson), next_cursor: page.nextCursor };
    },
  }),
];
