import { z } from 'zod';
import { route } from '../../route-def.ts';
import { pageOf, pageQuery, standardErrors, uuidParam } from '../../schemas/common.ts';
import { role, tokenJson, toTokenJson } from '../../schemas/admin.ts';

const tags = ['admin'];

export const tokenRoutes = [
  route({
    method: 'GET',
    url: '/api/admin/tokens',
    access: 'admin',
    summary: 'List API tokens of your organisation',
    tags,
    schema: { querystring: pageQuery, response: { 200: pageOf(tokenJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.tokens.list(actor, query);
      return { items: page.items.map(toTokenJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/admin/tokens',
    access: 'admin',
    summary: 'Create an API token (the token is shown only in this response)',
    tags,
    status: 201,
    schema: {
      body: z.object({
        name: z.string().trim().min(1).max(200),
        role,
        user_id: z.uuid().optional().describe('Defaults to your own user'),
        expires_at: z.iso.datetime({ offset: true }).optional(),
      }),
      response: { 201: tokenJson.extend({ token: z.string().describe('Shown once; store it now') }), ...standardErrors },
    },
    async handler({ engine, actor, body }) {
      const { token, row } = await engine.tokens.create(actor, {
        name: body.name,
        role: body.role,
        userId: body.user_id,
        expiresAt: body.expires_at ? new Date(body.expires_at) : undefined,
      });
      return { ...toTokenJson(row), token };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/admin/tokens/:id',
    access: 'admin',
    summary: 'Revoke an API token',
    tags,
    schema: { params: uuidParam, response: { 200: tokenJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toTokenJson(await engine.tokens.revoke(actor, params.id)),
  }),
];
