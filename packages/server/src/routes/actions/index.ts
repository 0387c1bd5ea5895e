import { route } from '../../route-def.ts';
import { actionLimitJson, actionLimitsBody, actionParams, actionRunJson, actionRunQuery, decisionBody, dryRunJson, invokeBody, toActionLimitJson, toActionRunJson, toDryRunJson } from '../../schemas/action.ts';
import { pageOf, pageQuery, standardErrors, uuidParam } from '../../schemas/common.ts';

const tags = ['actions'];
const runErrors = { ...standardErrors, 409: standardErrors[404] } as const;

export const actionRoutes = [
  route({
    method: 'POST',
    url: '/api/integration/instances/:id/actions/:name',
    access: 'write',
    summary: 'Run a connector action on an instance (or dry-run it)',
    description:
      "The input is validated by the action's schema. `dry_run: true` (or `dryRun`) shows the requests the action would send, sending and storing nothing. " +
      'A high-impact action (contain a host, suspend a user) answers a run in `pending_approval`: another user with the admin or editor role approves it. Others run at once; the answer is the finished run. ' +
      'Over a blast-radius limit of the instance: 429 ACTION_LIMIT_EXCEEDED.',
    tags,
    schema: { params: actionParams, body: invokeBody, response: { 200: actionRunJson.or(dryRunJson), ...runErrors } },
    async handler({ engine, actor, params, body }) {
      if (body.dry_run ?? body.dryRun) return toDryRunJson(await engine.actions.dryRun(actor, params.id, params.name, body.input ?? {}));
      return toActionRunJson(await engine.actions.invoke(actor, { instanceId: params.id, action: params.name, input: body.input ?? {}, recordId: body.record_id, expiresInSeconds: body.expires_in_seconds }));
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/action-runs',
    access: 'read',
    summary: 'List action runs, newest first',
    tags,
    schema: { querystring: pageQuery.extend(actionRunQuery), response: { 200: pageOf(actionRunJson), ...standardErrors } },
    async handler({ engine, actor, query }) {
      const page = await engine.actions.list(actor, { limit: query.limit, cursor: query.cursor, instanceId: query.instance_id, status: query.status, action: query.action });
      return { items: page.items.map(toActionRunJson), next_cursor: page.nextCursor };
    },
  }),
  route({
    method: 'GET',
    url: '/api/integration/action-runs/:id',
    access: 'read',
    summary: 'Get an action run: who, what, input (secrets masked), approval, result, vendor response, duration',
    tags,
    schema: { params: uuidParam, response: { 200: actionRunJson, ...standardErrors } },
    handler: async ({ engine, actor, params }) => toActionRunJson(await engine.actions.get(actor, params.id)),
  }),
  route({
    method: 'POST',
    url: '/api/integration/action-runs/:id/approve',
    access: 'write',
    summary: 'Approve a high-impact run (another user than the requester), which then runs',
    description: 'Separation of duties: the requester cannot approve their own run (403 APPROVAL_SEPARATION_OF_DUTIES). An expired request cannot be approved (409). Audited.',
    tags,
    schema: { params: uuidParam, body: decisionBody.optional(), response: { 200: actionRunJson, ...runErrors } },
    handler: async ({ engine, actor, params, body }) => toActionRunJson(await engine.actions.approve(actor, params.id, body?.comment)),
  }),
  route({
    method: 'POST',
    url: '/api/integration/action-runs/:id/reject',
    access: 'write',
    summary: 'Reject a high-impact run waiting for approval',
    tags,
    schema: { params: uuidParam, body: decisionBody.optional(), response: { 200: actionRunJson, ...runErrors } },
    handler: async ({ engine, actor, params, body }) => toActionRunJson(await engine.actions.reject(actor, params.id, body?.comment)),
  }),
  route({
    method: 'POST',
    url: '/api/integration/action-runs/:id/reverse',
    access: 'write',
    summary: "Reverse a succeeded run with its action's declared reverse (contain-host → lift-containment)",
    description: 'Runs the reverse action with the same target input. The approval of the original covers it: no second approval, no blast-radius limit. Audited. Answers the reversal run.',
    tags,
    schema: { params: uuidParam, response: { 200: actionRunJson, ...runErrors } },
    handler: async ({ engine, actor, params }) => toActionRunJson(await engine.actions.reverse(actor, params.id)),
  }),
  route({
    method: 'GET',
    url: '/api/integration/instances/:id/action-limits',
    access: 'read',
    summary: "An instance's blast-radius limits per action",
    tags,
    schema: { params: uuidParam, response: { 200: pageOf(actionLimitJson), ...standardErrors } },
    handler: async ({ engine, actor, params }) => ({ items: (await engine.actionLimits.list(actor, params.id)).map(toActionLimitJson), next_cursor: null }),
  }),
  route({
    method: 'PUT',
    url: '/api/integration/instances/:id/action-limits',
    access: 'admin',
    summary: "Replace an instance's blast-radius limits (at most max_runs runs of an action per per_seconds)",
    description: 'The whole set is replaced: actions left out have no limit. Reversals are never limited. Audited (instance.action_limits_updated).',
    tags,
    schema: { params: uuidParam, body: actionLimitsBody, response: { 200: pageOf(actionLimitJson), ...standardErrors } },
    handler: async ({ engine, actor, params, body }) => ({
      items: (await engine.actionLimits.replace(actor, params.id, body.items.map((l) => ({ action: l.action, maxRuns: l.max_runs, perSeconds: l.per_seconds })))).map(toActionLimitJson),
      next_cursor: null,
    }),
  }),
];
