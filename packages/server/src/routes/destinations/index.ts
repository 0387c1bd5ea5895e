import { z } from 'zod';
import type { DestinationRow, Engine } from '@patchbay/engine';
import { route } from '../../route-def.ts';
import { pageOf, pageQuery, problem, standardErrors, uuidParam } from '../../schemas/common.ts';
import { createDestinationBody, deadLetterJson, destinationJson, destinationQuery, replayBody, toDeadLetterJson, toDestinationJson, updateDestinationBody } from '../../schemas/destination.ts';

const tags = ['destinations'];
const withConflict = { ...standardErrors, 409: problem };

const withHealth = async (engine: Engine, row: DestinationRow) => toDestinationJson(row, await engine.destinations.health(row));

const settingsOf = (body: z.infer<typeof updateDestinationBody>) => ({
  name: body.name,
  format: body.format,
  formatOptions: body.format_options,
  eventType: body.event_type,
  sourceInstanceId: body.source_instance_id,
  filterCriteria: body.filter_criteria,
  isActive: body.is_active,
});

export const destinationRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/destinations',
    access: 'read',
    summary: 'List SIEM destinations, with their health and lag',
    tags,
    schema: { querystring: pageQuery.extend(destinationQuery), response: { 200: pageOf(destinationJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.destinations.list(actor, { limit: query.limit, cursor: query.cursor, instanceId: query.instance_id });
      return { items: await Promise.all(page.items.map((r) => withHealth(engine, r))), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/destinations',
    access: 'write',
    summary: 'Create a SIEM destination',
    description:
      'Binds an instance of a connector with the destination capability (syslog...) to a format and an event filter (the event subscriptions filter language). ' +
      'It starts at the end of the outbox (new events only; replay sends older ones), sends in batches in outbox order and advances its cursor only after the receiver took a batch. Audited.',
    tags,
    status: 201,
    schema: { body: createDestinationBody, response: { 201: destinationJson, ...standardErrors } },
    async handler({ engine, actor, body }) {
      const row = await engine.destinations.create(actor, { ...settingsOf(body), name: body.name, instanceId: body.instance_id });
      return withHealth(engine, row);
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/destinations/:id',
    access: 'read',
    summary: 'Get a SIEM destination, with its health and lag',
    tags,
    schema: { params: uuidParam, response: { 200: destinationJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => withHealth(engine, await engine.destinations.get(actor, params.id)),
  }),
  route({
    method: 'PUT',
    url: '/api/integration/destinations/:id',
    access: 'write',
    summary: 'Update a SIEM destination',
    description: 'Fields left out keep their value; the cursor does not move. Audited.',
    tags,
    schema: { params: uuidParam, body: updateDestinationBody, response: { 200: destinationJson, ...standardErrors } },
    handler: async ({ engine, actor, params, body }) => withHealth(engine, await engine.destinations.update(actor, params.id, settingsOf(body))),
  }),
  route({
    method: 'DELETE',
    url: '/api/integration/destinations/:id',
    access: 'write',
    summary: 'Delete a SIEM destination (and its dead letters)',
    tags,
    status: 204,
    schema: { params: uuidParam, response: { 204: z.null(), ...standardErrors } },
    async handler({ engine, actor, params }) {
      await engine.destinations.remove(actor, params.id);
      return null;
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/destinations/:id/replay',
    access: 'write',
    summary: 'Replay a time range to a destination',
    description: 'Sends again, in outbox order and before new events, the matching events that occurred in [from, to] and that the cursor already passed (sent, skipped or dead-lettered). One replay at a time (409 DESTINATION_REPLAY_IN_PROGRESS). Audited.',
    tags,
    status: 202,
    schema: { params: uuidParam, body: replayBody, response: { 202: z.object({ destination: destinationJson, events: z.number().int().describe('Outbox events in the range (before filtering)') }), ...withConflict } },
    async handler({ engine, actor, params, body }) {
      const { row, events } = await engine.destinations.replay(actor, params.id, { from: new Date(body.from), to: new Date(body.to) });
      return { destination: await withHealth(engine, row), events };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/destinations/:id/skip',
    access: 'write',
    summary: 'Skip the failing batch into the dead-letter queue',
    description: 'For a batch the receiver will never take (a poison batch): its events go to the dead-letter queue and the cursor moves past them; replay sends them again later. 409 DESTINATION_NOT_FAILING when nothing fails. Audited.',
    tags,
    schema: { params: uuidParam, response: { 200: z.object({ destination: destinationJson, skipped: z.number().int() }), ...withConflict } },
    async handler({ engine, actor, params }) {
      const { row, skipped } = await engine.destinations.skip(actor, params.id);
      return { destination: await withHealth(engine, row), skipped };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/destinations/:id/dead-letters',
    access: 'read',
    summary: "A destination's dead-letter queue",
    tags,
    schema: { params: uuidParam, querystring: pageQuery, response: { 200: pageOf(deadLetterJson), ...standardErrors } },
    async handler({ engine, actor, params, query }) {
      const page = await engine.destinations.deadLetters(actor, params.id, { limit: query.limit, cursor: query.cursor });
      return { items: page.items.map(toDeadLetterJson), next_cursor: page.nextCursor };
    },
  }),
];
