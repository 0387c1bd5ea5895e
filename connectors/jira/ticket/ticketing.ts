import { defineTicketing } from '@patchbay/sdk';
import type { JiraConfig } from '../config.ts';
import { JIRA_STATUSES } from '../mappers/status.ts';
import { addComment, createOrFind, editFields, getIssue } from './issue-calls.ts';
import { priorityField } from './requests.ts';
import { ticketStateOf } from './ticket-state.ts';
import { transitionTo } from './transition.ts';

/**
 * Tickets are Jira issues of the `issues` stream. `create` is idempotent on the dedup key through a label;
 * `update` sets fields and the priority (through the priority table), moves the issue through the workflow
 * to a status meaning the Patchbay status, then adds the comment (last, so a retry after a failure never repeats it before the rest is done).
 */
export const jiraTicketing = defineTicketing<JiraConfig>({
  noun: 'issue',
  stream: 'issues',
  statusOf: (record) => (typeof record['status'] === 'string' ? record['status'] : null),
  statuses: JIRA_STATUSES,
  fields: {
    assignee: { title: 'Assignee', description: 'The account to assign, as {"accountId": "..."}', type: 'object' },
    components: { title: 'Components', description: 'Project components, as [{"name": "..."}]', type: 'array' },
    duedate: { title: 'Due date', description: 'yyyy-MM-dd', type: 'string' },
    environment: { title: 'Environment', description: 'Rich text, in Atlassian Document Format', type: 'object' },
    fixVersions: { title: 'Fix versions', description: 'Project versions, as [{"name": "..."}]', type: 'array' },
  },
  create: async (ctx, draft) => ticketStateOf(ctx.config, (await createOrFind(ctx, draft)).issue),
  update: async (ctx, key, change) => {
    const fields = { ...change.fields, ...(change.priority !== undefined ? { priority: priorityField(ctx.config, change.priority) } : {}) };
    if (Object.keys(fields).length > 0) await editFields(ctx, key, fields);
    if (change.status !== undefined) await transitionTo(ctx, await getIssue(ctx, key), change.status);
    if (change.comment !== undefined && change.comment.trim() !== '') await addComment(ctx, key, change.comment);
    return ticketStateOf(ctx.config, await getIssue(ctx, key));
  },
  get: async (ctx, key) => ticketStateOf(ctx.config, await getIssue(ctx, key)),
});
