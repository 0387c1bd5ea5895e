import { route } from '../../route-def.ts';
import { problem, standardErrors, uuidParam } from '../../schemas/common.ts';
import { executionJson, toExecutionJson } from '../../schemas/execution.ts';

export const cancelRoutes = [
  route({
    method: 'POST',
    url: '/api/integration/sync-executions/:id/cancel',
    access: 'write',
    summary: 'Cancel a sync execution',
    description:
      'A pending execution ends `cancelled` at once. A running one gets `cancel_requested_at`; the worker running it stops after the page in flight ' +
      '(that page and the checkpoint before it stay committed) and ends it `cancelled`. 409 when it already ended.',
    tags: ['sync'],
    schema: { params: uuidParam, response: { 200: executionJson, ...standardErrors, 409: problem } },
    handler: async ({ engine, actor, params }) => toExecutionJson(await engine.sync.cancel(actor, params.id)),
  }),
];
