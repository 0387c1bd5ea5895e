import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import type { JiraConfig } from '../config.ts';
import { getIssue } from '../ticket/issue-calls.ts';
import { getIssueRequest } from '../ticket/requests.ts';
import { ticketStateOf } from '../ticket/ticket-state.ts';
import { issueKey, ticketOutput } from './ticket-schemas.ts';

const input = z.object({ key: issueKey });
const output = ticketOutput.extend({ fields: z.record(z.string(), z.unknown()).describe('Summary, priority, labels, assignee, due date, components and every custom field with a value') });

/** Reads one issue: its status and the fields the ticket engine follows. */
export const getTicket = defineAction<typeof input, typeof output, JiraConfig>({
  name: 'get-ticket',
  title: 'Get ticket',
  description: 'Reads a Jira issue: its status, link, and its summary, priority, labels, assignee and custom fields.',
  input,
  output,
  readOnly: true,
  impact: 'low',
  category: 'ticket',
  permissions: ['read:jira-work', 'Browse projects'],
  async run(ctx, { key }) {
    const state = ticketStateOf(ctx.config, await getIssue(ctx, key));
    return { key: state.key, url: state.url, status: state.status, fields: { ...state.fields } };
  },
  plan: (_ctx, { key }) => [getIssueRequest(key)],
});
