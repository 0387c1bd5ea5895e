import { z } from 'zod';
import { route } from '../../route-def.ts';
import { pageOf, pageQuery, problem, standardErrors, uuidParam } from '../../schemas/common.ts';
import { authConfigJson, authConfigQuery, createAuthConfigBody, toAuthConfigJson, updateAuthConfigBody } from '../../schemas/auth-config.ts';

const tags = ['auth-configs'];
const withConflict = { ...standardErrors, 409: problem };
const date = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

export const authConfigCrudRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/auth-configs',
    access: 'read',
    summary: 'List authentication configurations (secrets masked)',
    tags,
    schema: { querystring: pageQuery.extend(authConfigQuery.shape), response: { 200: pageOf(authConfigJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.vault.configs.list(actor, { ...query, authType: query.auth_type });
      return { items: page.items.map(toAuthConfigJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/auth-configs',
    access: 'write',
    summary: 'Create an authentication configuration (credentials are encrypted and never returned)',
    tags,
    status: 201,
    schema: { body: createAuthConfigBody, response: { 201: authConfigJson, ...withConflict } },
    async handler({ engine, actor, body }) {
      const row = await engine.vault.configs.create(actor, {
        name: body.name,
        authType: body.auth_type,
        credentials: body.credentials,
        oauthConfig: body.oauth_config,
        expiration: date(body.expiration),
        isSystemAccount: body.is_system_account,
      });
      return toAuthConfigJson(row);
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/auth-configs/:id',
    access: 'read',
    summary: 'Get an authentication configuration (secrets masked)',
    tags,
    schema: { params: uuidParam, response: { 200: authConfigJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toAuthConfigJson(await engine.vault.configs.get(actor, params.id)),
  }),
  route({
    method: 'PUT',
    url: '/api/integration/auth-configs/:id',
    access: 'write',
    summary: 'Update an authentication configuration; credentials given are merged and re-encrypted under a new data key',
    tags,
    schema: { params: uuidParam, body: updateAuthConfigBody, response: { 200: authConfigJson, ...withConflict } },
    async handler({ engine, actor, params, body }) {
      const row = await engine.vault.configs.update(actor, params.id, {
        name: body.name,
        authType: body.auth_type,
        credentials: body.credentials,
        oauthConfig: body.oauth_config,
        expiration: date(body.expiration),
        isSystemAccount: body.is_system_account,
      });
      return toAuthConfigJson(row);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/integration/auth-configs/:id',
    access: 'write',
    summary: 'Delete an authentication configuration and destroy its data key',
    tags,
    status: 204,
    schema: { params: uuidParam, response: { 204: z.null(), ...withConflict } },
    async handler({ engine, actor, params }) {
      await engine.vault.configs.remove(actor, params.id);
      return null;
    },
  }),
];
