import { z } from 'zod';
import { route } from '../../route-def.ts';
import { pageOf, pageQuery, problem, standardErrors, uuidParam } from '../../schemas/common.ts';
import { executionJson, executionStatus, toExecutionJson } from '../../schemas/execution.ts';

export const syncRoutes = [
  route({
    method: 'POST',
    url: '/api/integration/instances/:id/test',
    access: 'write',
    summary: "Test the connection: runs the connector's live validate call",
    tags: ['instances'],
    schema: {
      params: uuidParam,
      response: {
        200: z.object({ ok: z.boolean(), latency_ms: z.number().int(), details: z.record(z.string(), z.unknown()), error: z.record(z.string(), z.unknown()).nullable() }),
        ...standardErrors,
      },
    },
    async handler({ engine, actor, params }) {
      const r = await engine.testConnection(actor, params.id);
      return { ok: r.ok, latency_ms: r.latencyMs, details: r.details, error: r.error };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/instances/:id/sync',
    access: 'write',
    summary: 'Trigger a manual sync of every stream, or of one',
    description: 'Answers 202 with the pending executions; follow them at /api/integration/sync-executions/{id}.',
    tags: ['sync'],
    status: 202,
    schema: {
      params: uuidParam,
      body: z.object({ stream: z.string().min(1).optional() }).strict().default({}),
      response: { 202: z.object({ executions: z.array(executionJson) }), ...standardErrors, 409: problem },
    },
    async handler({ engine, actor, params, body }) {
      const executions = await engine.sync.start(actor, params.id, { stream: body.stream, trigger: 'manual' });
      return { executions: executions.map(toExecutionJson) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/sync-executions',
    access: 'read',
    summary: 'List sync executions, newest first',
    tags: ['sync'],
    schema: {
      querystring: pageQuery.extend({ instance_id: z.uuid().optional(), status: executionStatus.optional() }),
      response: { 200: pageOf(executionJson), ...standardErrors },
    },
    async handler({ engine, actor, query }) {
      const page = await engine.sync.listExecutions(actor, { ...query, instanceId: query.instance_id });
      return { items: page.items.map(toExecutionJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/sync-executions/:id',
    access: 'read',
    summary: 'Get a sync execution',
    tags: ['sync'],
    schema: { params: uuidParam, response: { 200: executionJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toExecutionJson(await engine.sync.getExecution(actor, params.id)),
  }),
];
