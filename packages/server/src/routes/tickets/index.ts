import { z } from 'zod';
import { route } from '../../route-def.ts';
import { pageOf, pageQuery, problem, standardErrors, uuidParam } from '../../schemas/common.ts';
import {
  createSlaPolicyBody,
  createTicketRuleBody,
  ruleInputOf,
  slaInputOf,
  slaPolicyJson,
  ticketDetailJson,
  ticketJson,
  ticketQuery,
  ticketRuleJson,
  toSlaPolicyJson,
  toTicketFindingJson,
  toTicketJson,
  toTicketRuleJson,
  updateSlaPolicyBody,
  updateTicketRuleBody,
} from '../../schemas/ticket.ts';

const tags = ['tickets'];
const withConflict = { ...standardErrors, 409: problem };

export const ticketRoutes = [
  route({
    method: 'GET',
    url: '/api/tickets',
    access: 'read',
    summary: 'List tickets Patchbay opened, with their vendor key, status and SLA state',
    tags,
    schema: { querystring: pageQuery.extend(ticketQuery), response: { 200: pageOf(ticketJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.tickets.list(actor, { limit: query.limit, cursor: query.cursor, status: query.status, slaState: query.sla_state, instanceId: query.instance_id, ruleId: query.rule_id });
      return { items: page.items.map(toTicketJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'GET',
    url: '/api/tickets/:id',
    access: 'read',
    summary: 'Get a ticket with its linked findings and SLA state',
    tags,
    schema: { params: uuidParam, response: { 200: ticketDetailJson, ...standardErrors } },
    async handler({ engine, actor, params }) {
      const ticket = await engine.tickets.get(actor, params.id);
      return { ...toTicketJson(ticket), findings: (await engine.tickets.findings(actor, params.id)).map(toTicketFindingJson) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/tickets/:id/retry',
    access: 'write',
    summary: 'Retry the ITSM calls of a ticket that were given up',
    description: 'Queues the failed operations again (a creation that failed after its retries, for example). 409 CONFLICT when nothing failed. Audited.',
    tags,
    schema: { params: uuidParam, response: { 200: ticketJson, ...withConflict } },
    handler: async ({ engine, actor, params }) => toTicketJson(await engine.tickets.retry(actor, params.id)),
  }),
  route({
    method: 'GET',
    url: '/api/integration/ticket-rules',
    access: 'read',
    summary: 'List ticket rules',
    tags,
    schema: { querystring: pageQuery.extend({ instance_id: z.uuid().optional() }), response: { 200: pageOf(ticketRuleJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.tickets.rules.list(actor, { limit: query.limit, cursor: query.cursor, instanceId: query.instance_id });
      return { items: page.items.map(toTicketRuleJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/ticket-rules',
    access: 'write',
    summary: 'Create a ticket rule',
    description:
      'Findings (record events of OCSF Findings classes) that match the filter and the asset conditions open a ticket in the bound ITSM instance: one per finding, or one per asset and rule, never two for the same group. ' +
      'Priority comes from the matrix (severity × asset criticality), the due date from the SLA policy. 400 TICKETING_UNSUPPORTED when the instance cannot open tickets; TICKET_TEMPLATE_INVALID names a template that does not compile. Audited.',
    tags,
    status: 201,
    schema: { body: createTicketRuleBody, response: { 201: ticketRuleJson, ...withConflict } },
    handler: async ({ engine, actor, body }) => toTicketRuleJson(await engine.tickets.rules.create(actor, { ...ruleInputOf(body), name: body.name, instanceId: body.instance_id })),
  }),
  route({
    method: 'GET',
    url: '/api/integration/ticket-rules/:id',
    access: 'read',
    summary: 'Get a ticket rule',
    tags,
    schema: { params: uuidParam, response: { 200: ticketRuleJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toTicketRuleJson(await engine.tickets.rules.get(actor, params.id)),
  }),
  route({
    method: 'PUT',
    url: '/api/integration/ticket-rules/:id',
    access: 'write',
    summary: 'Update a ticket rule',
    description: 'Fields left out keep their value; tickets already open keep theirs. Audited.',
    tags,
    schema: { params: uuidParam, body: updateTicketRuleBody, response: { 200: ticketRuleJson, ...withConflict } },
    handler: async ({ engine, actor, params, body }) => toTicketRuleJson(await engine.tickets.rules.update(actor, params.id, ruleInputOf(body))),
  }),
  route({
    method: 'DELETE',
    url: '/api/integration/ticket-rules/:id',
    access: 'write',
    summary: 'Delete a ticket rule (its tickets stay, unlinked from the rule)',
    tags,
    status: 204,
    schema: { params: uuidParam, response: { 204: z.null(), ...standardErrors } },
    async handler({ engine, actor, params }) {
      await engine.tickets.rules.remove(actor, params.id);
      return null;
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/sla-policies',
    access: 'read',
    summary: 'List SLA policies',
    tags,
    schema: { querystring: pageQuery, response: { 200: pageOf(slaPolicyJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.tickets.slaPolicies.list(actor, { limit: query.limit, cursor: query.cursor });
      return { items: page.items.map(toSlaPolicyJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/sla-policies',
    access: 'write',
    summary: 'Create an SLA policy',
    description: 'Minutes to resolution per priority, the near-breach ratio and optional business hours. Audited.',
    tags,
    status: 201,
    schema: { body: createSlaPolicyBody, response: { 201: slaPolicyJson, ...withConflict } },
    handler: async ({ engine, actor, body }) => toSlaPolicyJson(await engine.tickets.slaPolicies.create(actor, { ...slaInputOf(body), name: body.name, targets: body.targets })),
  }),
  route({
    method: 'GET',
    url: '/api/integration/sla-policies/:id',
    access: 'read',
    summary: 'Get an SLA policy',
    tags,
    schema: { params: uuidParam, response: { 200: slaPolicyJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toSlaPolicyJson(await engine.tickets.slaPolicies.get(actor, params.id)),
  }),
  route({
    method: 'PUT',
    url: '/api/integration/sla-policies/:id',
    access: 'write',
    summary: 'Update an SLA policy',
    description: 'Open tickets keep the due dates they were given. Audited.',
    tags,
    schema: { params: uuidParam, body: updateSlaPolicyBody, response: { 200: slaPolicyJson, ...withConflict } },
    handler: async ({ engine, actor, params, body }) => toSlaPolicyJson(await engine.tickets.slaPolicies.update(actor, params.id, slaInputOf(body))),
  }),
  route({
    method: 'DELETE',
    url: '/api/integration/sla-policies/:id',
    access: 'write',
    summary: 'Delete an SLA policy (rules using it then open tickets without an SLA)',
    tags,
    status: 204,
    schema: { params: uuidParam, response: { 204: z.null(), ...standardErrors } },
    async handler({ engine, actor, params }) {
      await engine.tickets.slaPolicies.remove(actor, params.id);
      return null;
    },
  }),
];
