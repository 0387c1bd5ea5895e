import { z } from 'zod';
import { route } from '../../route-def.ts';
import { pageOf, pageQuery, standardErrors, uuidParam } from '../../schemas/common.ts';
import { createScheduleBody, scheduleJson, scheduleQuery, toScheduleJson, updateScheduleBody } from '../../schemas/schedule.ts';

const tags = ['schedules'];

const timingOf = (body: z.infer<typeof updateScheduleBody>) => ({
  stream: body.stream,
  scheduleType: body.schedule_type,
  intervalMinutes: body.interval_minutes,
  cronExpression: body.cron_expression,
  timezone: body.timezone,
  eventTrigger: body.event_trigger,
  isActive: body.is_active,
});

export const scheduleRoutes = [
  route({
    method: 'GET',
    url: '/api/integration/schedules',
    access: 'read',
    summary: 'List sync schedules',
    tags,
    schema: { querystring: pageQuery.extend(scheduleQuery), response: { 200: pageOf(scheduleJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.schedules.list(actor, { limit: query.limit, cursor: query.cursor, instanceId: query.instance_id, scheduleType: query.schedule_type, isActive: query.is_active });
      return { items: page.items.map(toScheduleJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'POST',
    url: '/api/integration/schedules',
    access: 'write',
    summary: 'Create a sync schedule',
    description:
      'An interval (every N minutes, at least 1), a cron expression (in a time zone), or an event type. Interval and cron schedules run while the instance is active, ' +
      'from `next_execution`; an event schedule runs a sync when a matching event occurs (through an event subscription it owns). A run is not queued again while the previous one of the stream is pending or running.',
    tags,
    status: 201,
    schema: { body: createScheduleBody, response: { 201: scheduleJson, ...standardErrors } },
    async handler({ engine, actor, body }) {
      const { scheduleType, ...rest } = timingOf(body);
      return toScheduleJson(await engine.schedules.create(actor, { ...rest, instanceId: body.instance_id, scheduleType: scheduleType! }));
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/schedules/:id',
    access: 'read',
    summary: 'Get a sync schedule',
    tags,
    schema: { params: uuidParam, response: { 200: scheduleJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toScheduleJson(await engine.schedules.get(actor, params.id)),
  }),
  route({
    method: 'PUT',
    url: '/api/integration/schedules/:id',
    access: 'write',
    summary: 'Update a sync schedule',
    description: 'Fields left out keep their value. Changing the timing, or activating the schedule again, computes `next_execution` from now.',
    tags,
    schema: { params: uuidParam, body: updateScheduleBody, response: { 200: scheduleJson, ...standardErrors } },
    handler: async ({ engine, actor, params, body }) => toScheduleJson(await engine.schedules.update(actor, params.id, timingOf(body))),
  }),
  route({
    method: 'DELETE',
    url: '/api/integration/schedules/:id',
    access: 'write',
    summary: 'Delete a sync schedule',
    tags,
    status: 204,
    schema: { params: uuidParam, response: { 204: z.null(), ...standardErrors } },
    async handler({ engine, actor, params }) {
      await engine.schedules.remove(actor, params.id);
      return null;
    },
  }),
];
