import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import type { JiraConfig } from '../config.ts';
import { addComment } from '../ticket/issue-calls.ts';
import { addCommentRequest } from '../ticket/requests.ts';
import { commentInput, issueKey } from './ticket-schemas.ts';

const input = z.object({ key: issueKey, comment: commentInput });
const output = z.object({ key: z.string(), comment_id: z.string().nullable().describe('The id Jira gave the comment') });

/** Adds a comment to an issue (sent once: a repeat would add it twice). */
export const addCommentAction = defineAction<typeof input, typeof output, JiraConfig>({
  name: 'add-comment',
  title: 'Add comment',
  description: 'Adds a plain-text comment to a Jira issue.',
  input,
  output,
  readOnly: false,
  impact: 'low',
  category: 'ticket',
  permissions: ['write:jira-work', 'Browse projects', 'Add comments'],
  run: async (ctx, { key, comment }) => ({ key, comment_id: (await addComment(ctx, key, comment)) ?? null }),
  plan: (_ctx, { key, comment }) => [addCommentRequest(key, comment)],
});
