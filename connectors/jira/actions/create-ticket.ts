import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import type { JiraConfig } from '../config.ts';
import { dedupLabel } from '../ticket/dedup-label.ts';
import { createOrFind } from '../ticket/issue-calls.ts';
import { createIssueRequest, dedupSearchRequest } from '../ticket/requests.ts';
import { ticketStateOf } from '../ticket/ticket-state.ts';
import { ticketOutput } from './ticket-schemas.ts';

const input = z.object({
  dedup_key: z.string().min(1).max(500).describe('A stable key for this ticket: running again with it returns the issue instead of opening another'),
  title: z.string().min(1).max(255).describe('The summary'),
  description: z.string().max(32_000).default('').describe('Plain text, sent as Atlassian Document Format'),
  priority: z.number().int().min(1).max(5).default(3).describe('1 (most urgent) to 5, through the instance\'s priorities table'),
  labels: z.array(z.string().min(1).max(255)).max(50).default([]).describe('Labels (spaces become _)'),
  fields: z
    .record(z.string().regex(/^(?:customfield_\d+|[a-z][A-Za-z]*)$/, 'must be a Jira field id like customfield_10042 or duedate'), z.unknown())
    .default({})
    .describe('Further fields by Jira field id, in the form Jira takes them'),
});

const output = ticketOutput.extend({ created: z.boolean().describe('false when an issue with this dedup key already existed') });

const draftOf = (i: z.output<typeof input>) => ({ dedupKey: i.dedup_key, title: i.title, description: i.description, priority: i.priority as 1 | 2 | 3 | 4 | 5, fields: i.fields, labels: i.labels });

/** Opens a Jira issue in the instance's project, or returns the one already opened with the same dedup key. */
export const createTicket = defineAction<typeof input, typeof output, JiraConfig>({
  name: 'create-ticket',
  title: 'Create ticket',
  description: 'Opens a Jira issue (project and issue type from the instance) with a summary, description, priority, labels and fields; idempotent on the dedup key.',
  input,
  output,
  readOnly: false,
  impact: 'low',
  category: 'ticket',
  permissions: ['write:jira-work', 'read:jira-work', 'Browse projects', 'Create issues'],
  async run(ctx, i) {
    const { issue, created } = await createOrFind(ctx, draftOf(i));
    const state = ticketStateOf(ctx.config, issue);
    return { key: state.key, url: state.url, status: state.status, created };
  },
  plan: (ctx, i) => {
    const label = dedupLabel(ctx.config.dedup_label_prefix, i.dedup_key);
    return [dedupSearchRequest(ctx.config, label), createIssueRequest(ctx.config, draftOf(i), label)];
  },
});
