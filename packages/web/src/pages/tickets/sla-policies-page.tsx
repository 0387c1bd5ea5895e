import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { SlaPolicy } from '../../api/types.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { DAYS, fromSlaPolicy, minutesText, NEW_SLA, SlaDraftError, toSlaInput, type SlaDraft } from './sla-draft.ts';
import { TicketsNav } from './tickets-nav.tsx';

function SlaForm({ policy, onSaved, onCancel }: { policy: SlaPolicy | null; onSaved: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<SlaDraft>(policy ? fromSlaPolicy(policy) : NEW_SLA);
  const [invalid, setInvalid] = useState<SlaDraftError | null>(null);
  const save = useAction();
  const set = (patch: Partial<SlaDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const id = policy ? `sla-${policy.id}` : 'sla-new';
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    let body;
    try {
      body = toSlaInput(draft);
      setInvalid(null);
    } catch (error) {
      setInvalid(error as SlaDraftError);
      return;
    }
    const ok = await save.run(() =>
      policy ? unwrap(api.PUT('/api/integration/sla-policies/{id}', { params: { path: { id: policy.id } }, body })) : unwrap(api.POST('/api/integration/sla-policies', { body })),
    );
    if (ok) onSaved();
  }
  return (
    <form className="card" onSubmit={submit} aria-label={policy ? `Edit SLA policy ${policy.name}` : 'New SLA policy'}>
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
      {invalid && (
        <p className="field-error" role="alert">
          {invalid.message}
        </p>
      )}
      <ErrorBox error={save.error} title="The policy was not saved" />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.busy}>
          {policy ? 'Save policy' : 'Create policy'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
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
      <ErrorBox error={policies.error} />
      <ErrorBox error={remove.error} title="The policy was not deleted" />
      {!policies.data && !policies.error && <Loading what="SLA policies" />}
      {policies.data?.items.length === 0 && <p className="muted">No SLA policies yet.</p>}
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
              <div className="actions">
                <button type="button" onClick={() => setEditing(p)}>
                  Edit <span className="visually-hidden">{p.name}</span>
                </button>
                <button type="button" className="danger" disabled={remove.busy} onClick={() => window.confirm(`Delete the SLA policy ${p.name}? Rules using it open tickets without an SLA.`) && remove.run(() => unwrap(api.DELETE('/api/integration/sla-policies/{id}', { params: { path: { id: p.id } } }))).then((ok) => ok && policies.reload())}>
                  Delete <span className="visually-hidden">{p.name}</span>
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
