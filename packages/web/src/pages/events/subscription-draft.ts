import { DraftError } from '../../components/draft-error.ts';
import type { Subscription, SubscriptionInput } from '../../api/types.ts';
import { EMPTY_FILTER, fromCriteria, toCriteria, type FilterDraft } from '../../components/filter-criteria.ts';

/** The subscription form as typed. The action's settings depend on its type. */
export interface SubscriptionDraft {
  readonly name: string;
  readonly eventType: string;
  readonly sourceInstanceId: string;
  readonly filter: FilterDraft;
  readonly actionType: 'webhook' | 'sync' | 'action';
  readonly endpointId: string;
  readonly targetInstanceId: string;
  readonly stream: string;
  readonly action: string;
  readonly actionInput: string;
  readonly isActive: boolean;
}

export const NEW_SUBSCRIPTION: SubscriptionDraft = { name: '', eventType: 'record.*', sourceInstanceId: '', filter: EMPTY_FILTER, actionType: 'webhook', endpointId: '', targetInstanceId: '', stream: '', action: '', actionInput: '{}', isActive: true };

/** The API body for a draft; throws a DraftError (or the filter's FilterDraftError) naming the field. */
export function toSubscriptionInput(draft: SubscriptionDraft): SubscriptionInput {
  if (!draft.eventType.trim()) throw new DraftError('event-type', 'Choose an event type, a prefix such as record.* or * for every event.');
  const filter_criteria = toCriteria(draft.filter);
  let action_config: Record<string, unknown>;
  if (draft.actionType === 'webhook') {
    if (!draft.endpointId) throw new DraftError('endpoint', 'Choose the webhook endpoint the events are sent to.');
    action_config = { endpoint_id: draft.endpointId };
  } else {
    if (!draft.targetInstanceId) throw new DraftError('target', `Choose the integration that ${draft.actionType === 'sync' ? 'syncs' : 'runs the action'}.`);
    if (draft.actionType === 'sync') action_config = { instance_id: draft.targetInstanceId, ...(draft.stream.trim() ? { stream: draft.stream.trim() } : {}) };
    else {
      if (!draft.action.trim()) throw new DraftError('action', 'Name the connector action to run.');
      let input: unknown;
      try {
        input = JSON.parse(draft.actionInput || '{}');
      } catch (e) {
        throw new DraftError('action-input', `The action input is not valid JSON: ${(e as Error).message}`);
      }
      action_config = { instance_id: draft.targetInstanceId, action: draft.action.trim(), input };
    }
  }
  return {
    ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
    event_type: draft.eventType.trim(),
    instance_id: draft.sourceInstanceId || null,
    filter_criteria,
    action_type: draft.actionType,
    action_config,
    is_active: draft.isActive,
  };
}

/** What a subscription does, in words. */
export function describeAction(actionType: string, config: Record<string, unknown>, names: { endpoint(id: string): string; instance(id: string): string }): string {
  if (actionType === 'webhook') return `sends to ${names.endpoint(String(config.endpoint_id))}`;
  if (actionType === 'sync') return `syncs ${names.instance(String(config.instance_id))}${config.stream ? ` (stream ${String(config.stream)})` : ''}`;
  if (actionType === 'action') return `runs ${String(config.action)} on ${names.instance(String(config.instance_id))}`;
  return actionType;
}

/** A stored subscription back into the form. */
export function fromSubscription(s: Subscription): SubscriptionDraft {
  const c = s.action_config as { endpoint_id?: string; instance_id?: string; stream?: string; action?: string; input?: unknown };
  const actionType = (['webhook', 'sync', 'action'] as const).find((t) => t === s.action_type) ?? 'webhook';
  return {
    name: s.name,
    eventType: s.event_type,
    sourceInstanceId: s.instance_id ?? '',
    filter: fromCriteria(s.filter_criteria),
    actionType,
    endpointId: c.endpoint_id ?? '',
    targetInstanceId: actionType === 'webhook' ? '' : (c.instance_id ?? ''),
    stream: c.stream ?? '',
    action: c.action ?? '',
    actionInput: JSON.stringify(c.input ?? {}, null, 2),
    isActive: s.is_active,
  };
}
