import { z } from 'zod';
import { route } from '../route-def.ts';
import { problem } from '../schemas/common.ts';

export const systemRoutes = [
  route({
    method: 'GET',
    url: '/healthz',
    access: 'public',
    summary: 'Liveness: the process answers',
    tags: ['system'],
    schema: { response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  }),
  route({
    method: 'GET',
    url: '/readyz',
    access: 'public',
    summary: 'Readiness: the database answers',
    tags: ['system'],
    schema: { response: { 200: z.object({ status: z.literal('ready'), database: z.string() }), 503: problem } },
    async handler({ engine }) {
      await engine.deps.database.query('select 1');
      return { status: 'ready' as const, database: engine.deps.database.kind };
    },
  }),
  route({
    method: 'GET',
    url: '/api/system/info',
    access: 'public',
    summary: 'What kind of hub this is: demo mode or a real installation',
    description:
      'Public, so the sign-in screen can read it. `demo` is true when the hub runs `patchbay serve --demo`: its integrations are local vendor simulators installed as ordinary instances, and every response also carries `x-patchbay-demo: true`.',
    tags: ['system'],
    schema: { response: { 200: z.object({ demo: z.boolean().describe('Sample data from local vendor simulators, not real systems') }) } },
    handler: async ({ engine }) => ({ demo: engine.demo }),
  }),
];
