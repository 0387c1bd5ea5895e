import { defineAction } from '@patchbay/sdk';
import { z } from 'zod';
import type { JiraConfig } from '../config.ts';
import { moveIssue, planMove } from './status-move.ts';
import { commentInput, issueKey, movedOutput } from './ticket-schemas.ts';

const input = z.object({ key: issueKey, comment: commentInput.optional() });

/** Moves an issue to a status meaning resolved (Done), with a resolution when the transition asks for one. */
export const resolveTicket = defineAction<typeof input, typeof movedOutput, JiraConfig>({
  name: 'resolve-ticket',
  title: 'Resolve ticket',
  description: 'Moves a Jira issue through its workflow to a status that means resolved (Done by default), optionally with a comment. Reversed by reopen-ticket.',
  input,
  output: movedOutput,
  readOnly: false,
  reverse: 'reopen-ticket',
  impact: 'low',
  category: 'ticket',
  permissions: ['write:jira-work', 'read:jira-work', 'Browse projects', 'Transition issues', 'Resolve issues'],
  run: (ctx, { key, comment }) => moveIssue(ctx, key, 'resolved', comment),
  plan: (_ctx, { key, comment }) => planMove(key, 'resolved', comment),
});
