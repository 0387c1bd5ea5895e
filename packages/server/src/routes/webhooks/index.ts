import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { route } from '../../route-def.ts';
import { pageOf, pageQuery, problem, standardErrors, uuidParam } from '../../schemas/common.ts';
import { attemptJson, endpointBody, endpointJson, inboundSettingsJson, messageJson, messageStatus, toAttemptJson, toEndpointJson, toInboundSettingsJson, toMessageJson, verification } from '../../schemas/webhook.ts';

/** Sends the connector's own answer (the route table's wrapper leaves a sent reply alone). */
function sendAnswer(reply: FastifyReply, answer: { status: number; body?: unknown }): void {
  const { status, body } = answer;
  reply.code(status);
  if (body === undefined || body === null || status === 204) reply.send();
  else if (typeof body === 'string') reply.type('text/plain; charset=utf-8').send(body);
  else reply.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

const created = endpointJson.extend({ secret: z.string().describe('The signing secret (whsec_…): shown only now') });
const messageParam = z.object({ id: z.uuid(), message_id: z.string().min(1).max(100) });

/** Inbound: the public receiving route. It authenticates by signature, not by token. */
export const inboundRoutes = [
  route({
    method: 'POST',
    url: '/api/integration/webhook/:key',
    access: 'public',
    rawBody: true,
    // Every call is recorded in inbound_webhooks (status, source IP, errors); server errors still reach the log.
    requestLogging: false,
    summary: 'Receive a vendor webhook for an instance',
    description:
      "Verified per the instance (Standard Webhooks, GitHub, HMAC-SHA256, Slack, bearer, IP allow-list), stored durably, then answered 202 with the stored id, or with what the connector's handler answers (Slack's url_verification challenge, say); processing follows the synced-page path.",
    tags: ['webhooks'],
    status: 202,
    schema: { params: z.object({ key: z.string().min(1).max(100) }), response: { 202: z.object({ id: z.string() }), 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 413: problem } },
    async handler({ engine, params, request, reply }) {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const stored = await engine.events.inbound.receive({ key: params.key, headers: request.headers, rawBody: raw, sourceIp: request.ip });
      // Sent as text either way: the 202 body is `{ id }` by construction, so the hot path skips the response schema check.
      sendAnswer(reply, stored.response ?? { status: 202, body: { id: stored.id } });
      return undefined;
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/instances/:id/webhook-secret/rotate',
    access: 'admin',
    summary: "Create or rotate an instance's inbound webhook URL key and secret (shown once)",
    tags: ['webhooks'],
    schema: {
      params: uuidParam,
      body: z.object({ verification: verification.optional(), ip_allow_list: z.array(z.string()).optional(), tolerance_seconds: z.number().int().min(30).max(3600).optional(), secret: z.string().min(8).max(500).optional().describe("The vendor's secret when the vendor generates it (Slack)"), keep_key: z.boolean().optional().describe('Keep the URL (only the secret changes): to set a vendor-issued secret after giving the vendor the URL') }).strict().default({}),
      response: { 200: z.object({ key: z.string(), url: z.string().nullable(), secret: z.string().nullable(), verification: z.record(z.string(), z.unknown()), ip_allow_list: z.array(z.string()) }), ...standardErrors },
    },
    async handler({ engine, actor, params, body }) {
      const r = await engine.events.inbound.rotate(actor, params.id, { verification: body.verification, ipAllowList: body.ip_allow_list, toleranceSeconds: body.tolerance_seconds, secret: body.secret, keepKey: body.keep_key });
      return { key: r.key, url: r.url, secret: r.secret?.reveal() ?? null, verification: r.verification as Record<string, unknown>, ip_allow_list: r.ipAllowList };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/instances/:id/webhook-settings',
    access: 'read',
    summary: "An instance's inbound webhook settings (never the secret)",
    tags: ['webhooks'],
    schema: { params: uuidParam, response: { 200: inboundSettingsJson, ...standardErrors, 409: problem } },
    async handler({ engine, actor, params }) {
      const row = await engine.events.inbound.settings(actor, params.id);
      return toInboundSettingsJson(row, engine.events.inbound.urlOf(row.key));
    },
  }),
];

/** Outbound: endpoints, delivery log, dead-letter queue and replay. */
export const webhookRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/webhooks',
    access: 'read',
    summary: 'List outgoing webhook endpoints',
    tags: ['webhooks'],
    schema: { querystring: pageQuery, response: { 200: pageOf(endpointJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.events.endpoints.list(actor, query);
      return { items: page.items.map(toEndpointJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/webhooks',
    access: 'write',
    summary: 'Create an outgoing webhook endpoint (the signing secret is shown once)',
    tags: ['webhooks'],
    status: 201,
    schema: { body: endpointBody, response: { 201: created, ...standardErrors } },
    async handler({ engine, actor, body }) {
      const { endpoint, secret } = await engine.events.endpoints.create(actor, { url: body.url, description: body.description, isActive: body.is_active, allowPrivateNetwork: body.allow_private_network });
      return { ...toEndpointJson(endpoint), secret: secret.reveal() };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/webhooks/:id',
    access: 'read',
    summary: 'Get an outgoing webhook endpoint',
    tags: ['webhooks'],
    schema: { params: uuidParam, response: { 200: endpointJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toEndpointJson(await engine.events.endpoints.get(actor, params.id)),
  }),
  route({
    method: 'PUT',
    url: '/api/integration/webhooks/:id',
    access: 'write',
    summary: 'Update an outgoing webhook endpoint (re-enabling closes its circuit)',
    tags: ['webhooks'],
    schema: { params: uuidParam, body: endpointBody.partial().strict(), response: { 200: endpointJson, ...standardErrors } },
    handler: async ({ engine, actor, params, body }) => toEndpointJson(await engine.events.endpoints.update(actor, params.id, { url: body.url, description: body.description, isActive: body.is_active, allowPrivateNetwork: body.allow_private_network })),
  }),
  route({
    method: 'DELETE',
    url: '/api/integration/webhooks/:id',
    access: 'write',
    summary: 'Delete an outgoing webhook endpoint (its messages and secret go with it)',
    tags: ['webhooks'],
    status: 204,
    schema: { params: uuidParam, response: { 204: z.null(), ...standardErrors } },
    async handler({ engine, actor, params }) {
      await engine.events.endpoints.remove(actor, params.id);
      return null;
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/webhooks/:id/secret/rotate',
    access: 'admin',
    summary: 'Rotate the signing secret; during the overlap both signatures are sent',
    tags: ['webhooks'],
    schema: { params: uuidParam, body: z.object({ overlap_seconds: z.number().int().min(0).max(7 * 86400).default(86400) }).strict().default({ overlap_seconds: 86400 }), response: { 200: created, ...standardErrors } },
    async handler({ engine, actor, params, body }) {
      const { endpoint, secret } = await engine.events.endpoints.rotateSecret(actor, params.id, body.overlap_seconds * 1000);
      return { ...toEndpointJson(endpoint), secret: secret.reveal() };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/webhooks/:id/messages',
    access: 'read',
    summary: "An endpoint's messages, newest first (status dead_lettered: the dead-letter queue)",
    tags: ['webhooks'],
    schema: { params: uuidParam, querystring: pageQuery.extend({ status: messageStatus.optional(), event_type: z.string().optional() }), response: { 200: pageOf(messageJson), ...standardErrors } },
    async handler({ engine, actor, params, query }) {
      await engine.events.endpoints.get(actor, params.id);
      const page = await engine.events.messages.list(actor, { ...query, endpointId: params.id, eventType: query.event_type });
      return { items: page.items.map(toMessageJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/webhooks/dead-letters',
    access: 'read',
    summary: 'The dead-letter queue across endpoints, newest first',
    tags: ['webhooks'],
    schema: { querystring: pageQuery.extend({ endpoint_id: z.uuid().optional() }), response: { 200: pageOf(messageJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.events.messages.deadLetters(actor, { ...query, endpointId: query.endpoint_id });
      return { items: page.items.map(toMessageJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/webhooks/:id/messages/:message_id/attempts',
    access: 'read',
    summary: 'The delivery log of a message: status codes, latency, response snippets',
    tags: ['webhooks'],
    schema: { params: messageParam, querystring: pageQuery, response: { 200: pageOf(attemptJson), ...standardErrors } },
    async handler({ engine, actor, params, query }) {
      const page = await engine.events.messages.attempts(actor, params.message_id, query);
      return { items: page.items.map(toAttemptJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/webhooks/:id/messages/:message_id/replay',
    access: 'write',
    summary: 'Replay one message (same webhook-id, so receivers can deduplicate)',
    tags: ['webhooks'],
    schema: { params: messageParam, response: { 200: messageJson, ...standardErrors, 409: problem } },
    handler: async ({ engine, actor, params }) => toMessageJson(await engine.events.messages.replay(actor, params.message_id)),
  }),
  route({
    method: 'POST',
    url: '/api/integration/webhooks/:id/replay',
    access: 'write',
    summary: "Replay an endpoint's dead-lettered messages created in [from, to), in their original order",
    tags: ['webhooks'],
    schema: {
      params: uuidParam,
      body: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), statuses: z.array(z.enum(['dead_lettered', 'retrying', 'delivered'])).optional() }).strict(),
      response: { 200: z.object({ replayed: z.number().int() }), ...standardErrors },
    },
    async handler({ engine, actor, params, body }) {
      return { replayed: await engine.events.messages.replayRange(actor, params.id, { from: new Date(body.from), to: new Date(body.to), statuses: body.statuses }) };
    },
  }),
];
