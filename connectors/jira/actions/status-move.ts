import type { ConnectorContext, PlannedRequest, TicketStatus } from '@patchbay/sdk';
import type { JiraConfig } from '../config.ts';
import { addComment, getIssue } from '../ticket/issue-calls.ts';
import { addCommentRequest, doTransitionRequest, getIssueRequest, transitionsRequest } from '../ticket/requests.ts';
import { ticketStateOf } from '../ticket/ticket-state.ts';
import { transitionTo } from '../ticket/transition.ts';

/** Moves an issue to a status meaning `wanted`, then adds the comment; returns the issue as it is afterwards. */
export async function moveIssue(ctx: ConnectorContext<JiraConfig>, key: string, wanted: TicketStatus, comment: string | undefined) {
  const moved = await transitionTo(ctx, await getIssue(ctx, key), wanted);
  if (comment !== undefined) await addComment(ctx, key, comment);
  const state = ticketStateOf(ctx.config, await getIssue(ctx, key));
  return { key: state.key, url: state.url, status: state.status, moved };
}

/** What a move sends: the issue and its transitions are read, then the transition chosen at run time is performed. */
export function planMove(key: string, wanted: TicketStatus, comment: string | undefined): PlannedRequest[] {
  return [
    getIssueRequest(key),
    transitionsRequest(key),
    doTransitionRequest(key, `<the offered transition to a status meaning ${wanted}>`),
    ...(comment !== undefined ? [addCommentRequest(key, comment)] : []),
  ];
}
