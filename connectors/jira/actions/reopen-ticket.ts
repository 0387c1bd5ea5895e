import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import type { JiraConfig } from '../config.ts';
import { moveIssue, planMove } from './status-move.ts';
import { commentInput, issueKey, movedOutput } from './ticket-schemas.ts';

const input = z.object({ key: issueKey, comment: commentInput.optional() });

/** Moves an issue back to a status meaning open (To Do, Reopened). */
export const reopenTicket = defineAction<typeof input, typeof movedOutput, JiraConfig>({
  name: 'reopen-ticket',
  title: 'Reopen ticket',
  description: 'Moves a Jira issue through its workflow back to a status that means open (To Do by default), optionally with a comment. Reverses resolve-ticket.',
  input,
  output: movedOutput,
  readOnly: false,
  reverse: 'resolve-ticket',
  impact: 'low',
  category: 'ticket',
  permissions: ['write:jira-work', 'read:jira-work', 'Browse projects', 'Transition issues'],
  run: (ctx, { key, comment }) => moveIssue(ctx, key, 'open', comment),
  plan: (_ctx, { key, comment }) => planMove(key, 'open', comment),
});
