import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { EventType, Instance, Subscription, WebhookEndpoint } from '../../api/types.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { FormFooter, useDraftForm } from '../../components/draft-form.tsx';
import { ErrorBox } from '../../components/error-box.tsx';
import { EventSourceField, EventTypeField } from '../../components/event-fields.tsx';
import { FilterBuilder } from '../../components/filter-builder.tsx';
import { describeCriteria, FilterDraftError } from '../../components/filter-criteria.ts';
import { InstanceOptions } from '../../components/instance-options.tsx';
import { ItemActions } from '../../components/item-actions.tsx';
import { ListState } from '../../components/list-state.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { allInstances } from '../operations/instance-names.ts';
import { SubscriptionTester } from './subscription-tester.tsx';
import { describeAction, fromSubscription, NEW_SUBSCRIPTION, toSubscriptionInput, type SubscriptionDraft } from './subscription-draft.ts';

function SubscriptionForm({ subscription, types, instances, endpoints, onSaved, onCancel }: { subscription: Subscription | null; types: readonly EventType[]; instances: readonly Instance[]; endpoints: readonly WebhookEndpoint[]; onSaved: () => void; onCancel: () => void }) {
  const save = (body: ReturnType<typeof toSubscriptionInput>) =>
    subscription ? unwrap(api.PUT('/api/integration/event-subscriptions/{id}', { params: { path: { id: subscription.id } }, body })) : unwrap(api.POST('/api/integration/event-subscriptions', { body }));
  const form = useDraftForm(subscription ? () => fromSubscription(subscription) : NEW_SUBSCRIPTION, toSubscriptionInput, save, onSaved);
  const { draft, set, invalid } = form;
  return (
    <form className="card subscription-form" onSubmit={form.submit} aria-label={subscription ? `Edit subscription ${subscription.name}` : 'New event subscription'}>
      <h2>{subscription ? `Edit ${subscription.name}` : 'New event subscription'}</h2>
      <div className="filters">
        <div className="field grow">
          <label htmlFor="sub-name">Name</label>
          <input id="sub-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} maxLength={200} placeholder="critical detections to the SOAR" />
        </div>
        <EventTypeField id="sub-event-type" value={draft.eventType} types={types} onChange={(eventType) => set({ eventType })} />
        <EventSourceField id="sub-source" value={draft.sourceInstanceId} instances={instances} onChange={(sourceInstanceId) => set({ sourceInstanceId })} />
      </div>
      <FilterBuilder id="sub-filter" value={draft.filter} onChange={(filter) => set({ filter })} error={invalid instanceof FilterDraftError ? invalid : null} />
      <fieldset>
        <legend>Then</legend>
        <div className="filters">
          <div className="field">
            <label htmlFor="sub-action-type">Action</label>
            <select id="sub-action-type" value={draft.actionType} onChange={(e) => set({ actionType: e.target.value as SubscriptionDraft['actionType'] })}>
              <option value="webhook">Send to a webhook endpoint</option>
              <option value="sync">Start a sync</option>
              <option value="action">Run a connector action</option>
            </select>
          </div>
          {draft.actionType === 'webhook' ? (
            <div className="field">
              <label htmlFor="sub-endpoint">Webhook endpoint</label>
              <select id="sub-endpoint" value={draft.endpointId} onChange={(e) => set({ endpointId: e.target.value })} aria-invalid={invalid?.field === 'endpoint'}>
                <option value="">Choose…</option>
                {endpoints.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.url}
                    {e.is_active ? '' : ' (disabled)'}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <div className="field">
              <label htmlFor="sub-target">Integration</label>
              <select id="sub-target" value={draft.targetInstanceId} onChange={(e) => set({ targetInstanceId: e.target.value })} aria-invalid={invalid?.field === 'target'}>
                <option value="">Choose…</option>
                <InstanceOptions instances={instances} />
              </select>
            </div>
          )}
          {draft.actionType === 'sync' && (
            <div className="field">
              <label htmlFor="sub-stream">Stream (optional)</label>
              <input id="sub-stream" value={draft.stream} onChange={(e) => set({ stream: e.target.value })} />
            </div>
          )}
          {draft.actionType === 'action' && (
            <div className="field">
              <label htmlFor="sub-action">Connector action</label>
              <input id="sub-action" value={draft.action} onChange={(e) => set({ action: e.target.value })} placeholder="contain-host" aria-invalid={invalid?.field === 'action'} />
            </div>
          )}
        </div>
        {draft.actionType === 'action' && (
          <div className="field">
            <label htmlFor="sub-action-input">Action input (JSON)</label>
            <textarea id="sub-action-input" rows={3} className="mono" value={draft.actionInput} onChange={(e) => set({ actionInput: e.target.value })} aria-invalid={invalid?.field === 'action-input'} />
          </div>
        )}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={draft.isActive} onChange={(e) => set({ isActive: e.target.checked })} /> Active
      </label>
      <SubscriptionTester draft={draft} />
      <FormFooter form={form} errorTitle={subscription ? 'The subscription was not saved' : 'The subscription was not created'} submitLabel={subscription ? 'Save subscription' : 'Create subscription'} onCancel={onCancel} />
    </form>
  );
}

/** Event subscriptions: which events go where (webhook, sync, action), through a filter builder. */
export default function SubscriptionsPage() {
  const canWrite = useCanWrite();
  const [editing, setEditing] = useState<Subscription | 'new' | null>(null);
  const subscriptions = useLoad(() => unwrap(api.GET('/api/integration/event-subscriptions', { params: { query: { limit: 200 } } })), []);
  const types = useLoad(() => unwrap(api.GET('/api/integration/events/types')), []);
  const instances = useLoad(allInstances, []);
  const endpoints = useLoad(() => unwrap(api.GET('/api/integration/webhooks', { params: { query: { limit: 200 } } })), []);
  const change = useAction();
  const instanceNames = new Map((instances.data ?? []).map((i) => [i.id, i.name]));
  const endpointUrls = new Map((endpoints.data?.items ?? []).map((e) => [e.id, e.url]));
  const names = { endpoint: (id: string) => endpointUrls.get(id) ?? id, instance: (id: string) => instanceNames.get(id) ?? id };
  return (
    <section>
      <div className="page-head">
        <h1>Event subscriptions</h1>
        {canWrite && editing === null && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            New subscription
          </button>
        )}
      </div>
      {editing !== null && (
        <SubscriptionForm
          key={editing === 'new' ? 'new' : editing.id}
          subscription={editing === 'new' ? null : editing}
          types={types.data?.items ?? []}
          instances={instances.data ?? []}
          endpoints={endpoints.data?.items ?? []}
          onSaved={() => {
            setEditing(null);
            subscriptions.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <ErrorBox error={change.error} title="The subscription was not changed" />
      <ListState load={subscriptions} items={subscriptions.data?.items} what="event subscriptions" empty="No event subscriptions yet." />
      <ul className="plain">
        {subscriptions.data?.items.map((s) => (
          <li key={s.id} className="card subscription" aria-label={`Subscription ${s.name}`}>
            <h2 className="h3">
              {s.name} {!s.is_active && <span className="badge tone-off">inactive</span>}
            </h2>
            <p className="small">
              On <code>{s.event_type}</code>
              {s.instance_id ? ` from ${names.instance(s.instance_id)}` : ''} matching {describeCriteria(s.filter_criteria)}: {describeAction(s.action_type, s.action_config, names)}
            </p>
            {canWrite && (
              <ItemActions
                name={s.name}
                busy={change.busy}
                onEdit={() => setEditing(s)}
                confirmDelete={`Delete the subscription ${s.name}?`}
                onDelete={() => change.run(() => unwrap(api.DELETE('/api/integration/event-subscriptions/{id}', { params: { path: { id: s.id } } }))).then((ok) => ok && subscriptions.reload())}
              >
                <button type="button" disabled={change.busy} onClick={() => change.run(() => unwrap(api.PUT('/api/integration/event-subscriptions/{id}', { params: { path: { id: s.id } }, body: { is_active: !s.is_active } }))).then((ok) => ok && subscriptions.reload())}>
                  {s.is_active ? 'Pause' : 'Resume'} <span className="visually-hidden">{s.name}</span>
                </button>
              </ItemActions>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
