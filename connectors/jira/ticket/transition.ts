import type { ConnectorContext, TicketStatus } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';
import type { JiraConfig } from '../config.ts';
import type { JiraIssue, JiraStatus } from '../jira-api/issue-types.ts';
import { patchbayStatus } from '../mappers/status.ts';
import { sendJira } from './issue-calls.ts';
import { doTransitionRequest, transitionsRequest } from './requests.ts';
import { statusTableOf } from './status-table.ts';

interface ScreenField {
  readonly required?: boolean;
  readonly hasDefaultValue?: boolean;
  readonly allowedValues?: readonly { readonly id?: string; readonly name?: string }[];
}

interface JiraTransition {
  readonly id: string;
  readonly name?: string;
  readonly isAvailable?: boolean;
  readonly to?: JiraStatus;
  readonly fields?: Readonly<Record<string, ScreenField>>;
}

/** Resolved and closed both end the ticket: a workflow with only one of them serves both. */
const DONE: readonly TicketStatus[] = ['resolved', 'closed'];
const acceptable = (wanted: TicketStatus): readonly TicketStatus[] => (DONE.includes(wanted) ? [wanted, ...DONE.filter((s) => s !== wanted)] : [wanted]);

/** A resolution when the transition's screen requires one (Done, if the site has it). */
function screenFields(transition: JiraTransition): Record<string, unknown> | undefined {
  const resolution = transition.fields?.['resolution'];
  if (!resolution?.required || resolution.hasDefaultValue) return undefined;
  const values = resolution.allowedValues ?? [];
  const pick = values.find((v) => v.name === 'Done') ?? values[0];
  if (!pick) return undefined;
  return { resolution: pick.id !== undefined ? { id: pick.id } : { name: pick.name } };
}

/**
 * Moves an issue to a Jira status that means `wanted` under the instance's status table: Jira changes
 * status only through its workflow's transitions, so the transitions available now are read and the first
 * one whose target status maps to `wanted` (by the table, then by status category) is performed, with a
 * resolution if its screen requires one. Nothing is sent when the issue is already there. The transition
 * is sent once: repeated, it could fail or move the issue on.
 */
export async function transitionTo(ctx: ConnectorContext<JiraConfig>, issue: JiraIssue, wanted: TicketStatus): Promise<boolean> {
  const table = statusTableOf(ctx.config);
  const current = issue.fields.status;
  const now = patchbayStatus(current?.name, current?.statusCategory?.key, table);
  if (now === wanted) return false;
  const { transitions = [] } = await sendJira<{ transitions?: JiraTransition[] }>(ctx, transitionsRequest(issue.key), `Jira refused to list the transitions of ${issue.key}`, issue.key);
  const offered = transitions.filter((t) => t.isAvailable !== false && t.to !== undefined);
  const target = (t: JiraTransition) => patchbayStatus(t.to?.name, t.to?.statusCategory?.key, table);
  const chosen = acceptable(wanted).map((status) => offered.find((t) => target(t) === status)).find((t) => t !== undefined);
  if (!chosen) {
    if (DONE.includes(wanted) && DONE.includes(now)) return false;
    const names = offered.map((t) => `${t.name ?? t.id} → ${t.to?.name ?? '?'}`);
    throw new PatchbayError('INVALID_STATE_TRANSITION', {
      message: `Jira's workflow offers no transition from "${current?.name ?? 'unknown'}" of ${issue.key} to a status that means ${wanted} (offered: ${names.join(', ') || 'none'})`,
      hint: `Map one of the offered statuses to ${wanted} in the statuses setting, or add a transition to the project's workflow; the account needs the Transition issues permission.`,
      field: 'status',
      details: { key: issue.key, from: current?.name ?? null, wanted, offered: names },
    });
  }
  await sendJira(ctx, { ...doTransitionRequest(issue.key, chosen.id, screenFields(chosen)), retry: false }, `Jira refused the transition "${chosen.name ?? chosen.id}" of ${issue.key}`, issue.key);
  return true;
}
