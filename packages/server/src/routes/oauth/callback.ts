import { z } from 'zod';
import type { Actor } from '@patchbay/engine';
import { route } from '../../route-def.ts';
import { problem } from '../../schemas/common.ts';
import { bindingFrom, clearedBindingCookie } from './binding-cookie.ts';

export const oauthRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/oauth/callback',
    access: 'public',
    summary: 'OAuth2 redirect target: completes an authorization started with POST /api/integration/auth-configs/{id}/authorize',
    description: 'Register `<PATCHBAY_PUBLIC_URL>/api/integration/oauth/callback` as the redirect URI at the vendor. The state must be fresh (10 minutes), unused, and come back to the browser (cookie) or user (bearer token) that started it.',
    tags: ['auth-configs'],
    schema: {
      querystring: z.object({
        code: z.string().optional(),
        state: z.string().optional(),
        iss: z.string().optional(),
        error: z.string().optional(),
        error_description: z.string().optional(),
      }),
      response: { 200: z.object({ auth_config_id: z.uuid(), status: z.literal('active') }), 303: z.null(), 400: problem, 404: problem, 409: problem, 502: problem, 503: problem },
    },
    async handler({ engine, request, reply }) {
      let actor: Actor | undefined;
      if (request.headers.authorization) actor = await engine.authenticate(request.headers.authorization, { requestId: request.id, sourceIp: request.ip });
      const result = await engine.vault.authorization.callback({ query: new URL(request.url, 'http://callback.invalid').searchParams, binding: bindingFrom(request), actor });
      reply.header('set-cookie', clearedBindingCookie(request.url.split('?')[0]!));
      if (result.returnTo) {
        const target = `${result.returnTo}${result.returnTo.includes('?') ? '&' : '?'}auth_config_id=${result.authConfigId}&status=active`;
        return reply.redirect(target, 303);
      }
      return { auth_config_id: result.authConfigId, status: 'active' as const };
    },
  }),
];
