import { z } from 'zod';
import { route } from '../../route-def.ts';
import { iso, pageOf, pageQuery, problem, standardErrors, uuidParam } from '../../schemas/common.ts';
import { authConfigStatus, testResultJson, toTestResultJson, toUsageJson, usageJson } from '../../schemas/auth-config.ts';
import { bindingCookie } from '../oauth/binding-cookie.ts';

const tags = ['auth-configs'];
const withConflict = { ...standardErrors, 409: problem, 502: problem, 503: problem };

export const authConfigActionRoutes = [
  route({
    method: 'POST',
    url: '/api/integration/auth-configs/:id/test',
    access: 'write',
    summary: 'Test the credentials with a real call',
    description: 'OAuth2, Azure AD, JWT bearer and AWS role configs prove themselves by obtaining a fresh token or role session. Other types are tested through a connector: attach the config to an instance and use POST /api/integration/instances/{id}/test.',
    tags,
    schema: { params: uuidParam, body: z.object({ connector_id: z.string().min(1).optional() }).optional(), response: { 200: testResultJson, ...withConflict } },
    handler: async ({ engine, actor, params, body }) => toTestResultJson(await engine.vault.test(actor, params.id, body?.connector_id)),
  }),
  route({
    method: 'POST',
    url: '/api/integration/auth-configs/:id/refresh',
    access: 'write',
    summary: 'Obtain a fresh access token (or role session) now',
    tags,
    schema: { params: uuidParam, response: { 200: z.object({ id: z.uuid(), expires_at: iso, status: authConfigStatus }), ...withConflict } },
    async handler({ engine, actor, params }) {
      const { expiresAt } = await engine.vault.refresh(actor, params.id);
      const row = await engine.vault.configs.get(actor, params.id);
      return { id: row.id, expires_at: expiresAt.toISOString(), status: row.status };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/auth-configs/:id/authorize',
    access: 'write',
    summary: 'Start the OAuth2 authorization code flow (PKCE); open authorization_url in the same browser',
    tags,
    schema: {
      params: uuidParam,
      body: z.object({ return_to: z.string().regex(/^\/(?!\/)[^\s]*$/, 'a path on this hub, starting with one /').max(500).optional() }).optional(),
      response: { 200: z.object({ authorization_url: z.string(), expires_at: iso }), ...withConflict },
    },
    async handler({ engine, actor, params, body, reply }) {
      const started = await engine.vault.authorization.start(actor, params.id, body?.return_to);
      reply.header('set-cookie', bindingCookie(started.binding, started.authorizationUrl));
      return { authorization_url: started.authorizationUrl, expires_at: started.expiresAt.toISOString() };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/auth-configs/:id/usage',
    access: 'audit',
    summary: 'Who or what decrypted this credential for use, for which instance and operation, how often',
    tags,
    schema: { params: uuidParam, querystring: pageQuery, response: { 200: pageOf(usageJson), ...standardErrors } },
    async handler({ engine, actor, params, query }) {
      const page = await engine.vault.usage(actor, params.id, query);
      return { items: page.items.map(toUsageJson), next_cursor: page.nextCursor };
    },
  }),
];
