import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { SlaPolicy } from '../../api/types.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { FormFooter, useDraftForm } from '../../components/draft-form.tsx';
import { ErrorBox } from '../../components/error-box.tsx';
import { ItemActions } from '../../components/item-actions.tsx';
import { ListState } from '../../components/list-state.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { DAYS, fromSlaPolicy, minutesText, NEW_SLA, toSlaInput, type SlaDraft } from './sla-draft.ts';
import { TicketsNav } from './tickets-nav.tsx';

function SlaForm({ policy, onSaved, onCancel }: { policy: SlaPolicy | null; onSaved: () => void; onCancel: () => void }) {
  const save = (body: ReturnType<typeof toSlaInput>) =>
    policy ? unwrap(api.PUT('/api/integration/sla-policies/{id}', { params: { path: { id: policy.id } }, body })) : unwrap(api.POST('/api/integration/sla-policies', { body }));
  const form = useDraftForm(policy ? () => fromSlaPolicy(policy) : NEW_SLA, toSlaInput, save, onSaved);
  const { draft, set, invalid } = form;
  const id = policy ? `sla-${policy.id}` : 'sla-new';
  return (
    <form className="card" onSubmit={form.submit} aria-label={policy ? `Edit SLA policy ${policy.name}` : 'New SLA policy'}>
      <h2>{policy ? `Edit ${policy.name}` : 'New SLA policy'}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={draft.name} onChange={(e) => set({ name: e.target.value })} required maxLength={200} />
      </div>
      <fieldset>
        <legend>Minutes to resolution per priority (empty: no target)</legend>
        <div className="filters">
          {draft.targets.map((value, i) => (
            <div className="field" key={i}>
              <label htmlFor={`${id}-target-${i + 1}`}>P{i + 1}</label>
              <input id={`${id}-target-${i + 1}`} inputMode="numeric" size={7} value={value} aria-invalid={invalid?.field === `target-${i + 1}`} onChange={(e) => set({ targets: draft.targets.map((t, j) => (j === i ? e.target.value : t)) as unknown as SlaDraft['targets'] })} />
            </div>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-ratio`}>Near-breach warning at (fraction of the time)</label>
        <input id={`${id}-ratio`} inputMode="decimal" value={draft.nearBreachRatio} onChange={(e) => set({ nearBreachRatio: e.target.value })} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={draft.businessHours} onChange={(e) => set({ businessHours: e.target.checked })} /> Count business hours only
      </label>
      {draft.businessHours && (
        <fieldset>
          <legend>Business hours</legend>
          <div className="filters">
            <div className="field">
              <label htmlFor={`${id}-tz`}>Time zone</label>
              <input id={`${id}-tz`} value={draft.timezone} onChange={(e) => set({ timezone: e.target.value })} placeholder="Europe/Paris" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-start`}>From</label>
              <input id={`${id}-start`} type="time" value={draft.start} onChange={(e) => set({ start: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-end`}>To</label>
              <input id={`${id}-end`} type="time" value={draft.end} onChange={(e) => set({ end: e.target.value })} />
            </div>
          </div>
          <fieldset className="segmented">
            <legend className="small">Days</legend>
            {DAYS.map((d, i) => (
              <label key={d} className="checkbox">
                <input type="checkbox" checked={draft.days.includes(i + 1)} onChange={(e) => set({ days: e.target.checked ? [...draft.days, i + 1] : draft.days.filter((x) => x !== i + 1) })} /> {d}
              </label>
            ))}
          </fieldset>
        </fieldset>
      )}
      <FormFooter form={form} errorTitle="The policy was not saved" submitLabel={policy ? 'Save policy' : 'Create policy'} onCancel={onCancel} />
    </form>
  );
}

/** SLA policies: minutes to resolution per priority, the near-breach point, business hours. */
export default function SlaPoliciesPage() {
  const canWrite = useCanWrite();
  const policies = useLoad(() => unwrap(api.GET('/api/integration/sla-policies', { params: { query: { limit: 200 } } })), []);
  const [editing, setEditing] = useState<SlaPolicy | 'new' | null>(null);
  const remove = useAction();
  const done = () => {
    setEditing(null);
    policies.reload();
  };
  return (
    <section>
      <div className="page-head">
        <h1>SLA policies</h1>
        {canWrite && editing === null && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            New SLA policy
          </button>
        )}
      </div>
      <TicketsNav />
      {editing !== null && <SlaForm key={editing === 'new' ? 'new' : editing.id} policy={editing === 'new' ? null : editing} onSaved={done} onCancel={() => setEditing(null)} />}
      <ErrorBox error={remove.error} title="The policy was not deleted" />
      <ListState load={policies} items={policies.data?.items} what="SLA policies" empty="No SLA policies yet." />
      <ul className="plain">
        {policies.data?.items.map((p) => (
          <li key={p.id} className="card sla-policy">
            <h2 className="h3">{p.name}</h2>
            <p className="small">
              {Object.entries(p.targets as Record<string, number>)
                .sort()
                .map(([priority, minutes]) => `P${priority}: ${minutesText(minutes)}`)
                .join(' · ')}{' '}
              · warning at {Math.round(p.near_breach_ratio * 100)}%
              {p.business_hours ? ` · business hours ${p.business_hours.start}-${p.business_hours.end} ${p.business_hours.days.map((d) => DAYS[d - 1]).join(', ')} (${p.business_hours.timezone})` : ' · around the clock'}
            </p>
            {canWrite && (
              <ItemActions
                name={p.name}
                busy={remove.busy}
                onEdit={() => setEditing(p)}
                confirmDelete={`Delete the SLA policy ${p.name}? Rules using it open tickets without an SLA.`}
                onDelete={() => remove.run(() => unwrap(api.DELETE('/api/integration/sla-policies/{id}', { params: { path: { id: p.id } } }))).then((ok) => ok && policies.reload())}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
