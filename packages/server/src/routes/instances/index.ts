import { z } from 'zod';
import { route } from '../../route-def.ts';
import { isoOrNull, pageOf, pageQuery, standardErrors, toIso, uuidParam, problem } from '../../schemas/common.ts';
import { createInstanceBody, instanceJson, instanceStatus, toInstanceJson, updateInstanceBody } from '../../schemas/instance.ts';

const tags = ['instances'];

/** The inbound webhook of a new instance whose connector receives webhooks: shown this once. */
const createdInstance = instanceJson.extend({
  webhook: z
    .object({
      key: z.string(),
      url: z.string().nullable().describe('The full URL under PATCHBAY_PUBLIC_URL (null when it is not set)'),
      secret: z.string().nullable().describe('The signing secret, shown only now; null when the vendor issues it (set it with webhook-secret/rotate and keep_key)'),
      secret_source: z.enum(['generated', 'vendor']).nullable(),
      verification: z.record(z.string(), z.unknown()),
    })
    .optional()
    .describe('Present when the connector declares a webhook'),
});
const withConflict = { ...standardErrors, 409: problem };

export const instanceRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/instances',
    access: 'read',
    summary: 'List integration instances',
    tags,
    schema: {
      querystring: pageQuery.extend({ status: instanceStatus.optional(), connector_id: z.string().optional() }),
      response: { 200: pageOf(instanceJson), ...standardErrors },
    },
    async handler({ engine, actor, query }) {
      const page = await engine.instances.list(actor, { ...query, connectorId: query.connector_id });
      return { items: page.items.map(toInstanceJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/instances',
    access: 'write',
    summary: 'Create an integration instance',
    description: "For a connector that receives webhooks, the response also carries the instance's inbound webhook URL key, full URL and secret, shown this once.",
    tags,
    status: 201,
    schema: { body: createInstanceBody, response: { 201: createdInstance, ...withConflict } },
    async handler({ engine, actor, body }) {
      const row = await engine.instances.create(actor, {
        name: body.name,
        connectorId: body.connector_id,
        configuration: body.configuration,
        connectionUrl: body.connection_url,
        authConfigId: body.auth_config_id,
        allowPrivateNetwork: body.allow_private_network,
      });
      const hook = await engine.events.inbound.provision(actor, row.id);
      if (!hook) return toInstanceJson(row);
      return { ...toInstanceJson(row), webhook: { key: hook.key, url: hook.url, secret: hook.secret?.reveal() ?? null, secret_source: hook.secretSource, verification: hook.verification as Record<string, unknown> } };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/instances/:id',
    access: 'read',
    summary: 'Get instance details',
    tags,
    schema: { params: uuidParam, response: { 200: instanceJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toInstanceJson(await engine.instances.get(actor, params.id)),
  }),
  route({
    method: 'PUT',
    url: '/api/integration/instances/:id',
    access: 'write',
    summary: 'Update an instance',
    tags,
    schema: { params: uuidParam, body: updateInstanceBody, response: { 200: instanceJson, ...withConflict } },
    async handler({ engine, actor, params, body }) {
      const row = await engine.instances.update(actor, params.id, {
        name: body.name,
        configuration: body.configuration,
        connectionUrl: body.connection_url,
        authConfigId: body.auth_config_id,
        allowPrivateNetwork: body.allow_private_network,
      });
      return toInstanceJson(row);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/integration/instances/:id',
    access: 'write',
    summary: 'Delete an instance',
    tags,
    status: 204,
    schema: { params: uuidParam, response: { 204: z.null(), ...standardErrors } },
    async handler({ engine, actor, params }) {
      await engine.instances.remove(actor, params.id);
      return null;
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/instances/:id/activate',
    access: 'write',
    summary: 'Activate an instance',
    tags,
    schema: { params: uuidParam, response: { 200: instanceJson, ...withConflict } },
    handler: async ({ engine, actor, params }) => toInstanceJson(await engine.instances.activate(actor, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/integration/instances/:id/deactivate',
    access: 'write',
    summary: 'Deactivate an instance',
    tags,
    schema: { params: uuidParam, response: { 200: instanceJson, ...withConflict } },
    handler: async ({ engine, actor, params }) => toInstanceJson(await engine.instances.deactivate(actor, params.id)),
  }),
  route({
    method: 'GET',
    url: '/api/integration/instances/:id/status',
    access: 'read',
    summary: 'Get the current status of an instance',
    tags,
    schema: {
      params: uuidParam,
      response: {
        200: z.object({ id: z.uuid(), status: instanceStatus, last_connected: isoOrNull, error_message: z.string().nullable(), updated_at: z.string() }),
        ...standardErrors,
      },
    },
    async handler({ engine, actor, params }) {
      const row = await engine.instances.get(actor, params.id);
      return { id: row.id, status: row.status, last_connected: toIso(row.lastConnected), error_message: row.errorMessage, updated_at: row.updatedAt.toISOString() };
    },
  }),
];
