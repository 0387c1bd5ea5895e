import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { Instance, SlaPolicy, TicketRule } from '../../api/types.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { FormFooter, useDraftForm } from '../../components/draft-form.tsx';
import { ErrorBox } from '../../components/error-box.tsx';
import { FilterBuilder } from '../../components/filter-builder.tsx';
import { describeCriteria, FilterDraftError } from '../../components/filter-criteria.ts';
import { InstanceOptions } from '../../components/instance-options.tsx';
import { ItemActions } from '../../components/item-actions.tsx';
import { ListState } from '../../components/list-state.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { allInstances } from '../operations/instance-names.ts';
import { fromRule, NEW_RULE, toRuleInput, type RuleDraft } from './rule-draft.ts';
import { TicketsNav } from './tickets-nav.tsx';

function RuleForm({ rule, instances, policies, onSaved, onCancel }: { rule: TicketRule | null; instances: readonly Instance[]; policies: readonly SlaPolicy[]; onSaved: () => void; onCancel: () => void }) {
  const save = (body: ReturnType<typeof toRuleInput>) =>
    rule ? unwrap(api.PUT('/api/integration/ticket-rules/{id}', { params: { path: { id: rule.id } }, body })) : unwrap(api.POST('/api/integration/ticket-rules', { body }));
  const form = useDraftForm(rule ? () => fromRule(rule) : NEW_RULE, toRuleInput, save, onSaved);
  const { draft, set, invalid } = form;
  const id = rule ? `rule-${rule.id}` : 'rule-new';
  return (
    <form className="card" onSubmit={form.submit} aria-label={rule ? `Edit ticket rule ${rule.name}` : 'New ticket rule'}>
      <h2>{rule ? `Edit ${rule.name}` : 'New ticket rule'}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={draft.name} onChange={(e) => set({ name: e.target.value })} required maxLength={200} />
      </div>
      <div className="filters">
        <div className="field">
          <label htmlFor={`${id}-instance`}>Open tickets in</label>
          <select id={`${id}-instance`} value={draft.instanceId} onChange={(e) => set({ instanceId: e.target.value })} required>
            <option value="">Choose the ITSM integration…</option>
            <InstanceOptions instances={instances} />
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-source`}>Findings from</label>
          <select id={`${id}-source`} value={draft.sourceInstanceId} onChange={(e) => set({ sourceInstanceId: e.target.value })}>
            <option value="">Any integration</option>
            <InstanceOptions instances={instances} />
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-sla`}>SLA policy</label>
          <select id={`${id}-sla`} value={draft.slaPolicyId} onChange={(e) => set({ slaPolicyId: e.target.value })}>
            <option value="">No SLA</option>
            {policies.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-group`}>One ticket per</label>
          <select id={`${id}-group`} value={draft.groupBy} onChange={(e) => set({ groupBy: e.target.value as RuleDraft['groupBy'] })}>
            <option value="finding">finding</option>
            <option value="asset">asset (later findings join it)</option>
          </select>
        </div>
      </div>
      <FilterBuilder id={`${id}-filter`} value={draft.filter} onChange={(filter) => set({ filter })} error={invalid instanceof FilterDraftError ? invalid : null} />
      <fieldset>
        <legend>Asset conditions</legend>
        <div className="filters">
          <div className="field">
            <label htmlFor={`${id}-criticality`}>Asset criticality at least</label>
            <select id={`${id}-criticality`} value={draft.criticalityAtLeast} onChange={(e) => set({ criticalityAtLeast: e.target.value as RuleDraft['criticalityAtLeast'] })}>
              <option value="">Any</option>
              {['low', 'medium', 'high', 'critical'].map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-asset-tags`}>Asset tags (any of)</label>
            <input id={`${id}-asset-tags`} value={draft.assetTags} onChange={(e) => set({ assetTags: e.target.value })} placeholder="production" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-match`}>Conditions to meet</label>
            <select id={`${id}-match`} value={draft.assetMatch} onChange={(e) => set({ assetMatch: e.target.value as RuleDraft['assetMatch'] })}>
              <option value="any">any</option>
              <option value="all">all</option>
            </select>
          </div>
        </div>
      </fieldset>
      <details className="advanced">
        <summary>Templates, fields and priorities</summary>
        <div className="field">
          <label htmlFor={`${id}-title`}>Title template (JSONata over record, asset, rule, priority)</label>
          <input id={`${id}-title`} value={draft.titleTemplate} onChange={(e) => set({ titleTemplate: e.target.value })} placeholder="default" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>Description template (JSONata)</label>
          <textarea id={`${id}-description`} rows={2} value={draft.descriptionTemplate} onChange={(e) => set({ descriptionTemplate: e.target.value })} placeholder="default" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-fields`}>Field mapping (JSON; a string starting with = is JSONata)</label>
          <textarea id={`${id}-fields`} rows={3} className="mono" value={draft.fieldMapping} onChange={(e) => set({ fieldMapping: e.target.value })} aria-invalid={invalid?.field === 'field-mapping'} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-matrix`}>Priority matrix overrides (JSON, such as {'{ "high": { "none": 2 } }'})</label>
          <textarea id={`${id}-matrix`} rows={2} className="mono" value={draft.priorityMatrix} onChange={(e) => set({ priorityMatrix: e.target.value })} aria-invalid={invalid?.field === 'priority-matrix'} />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={draft.commentOnChanges} onChange={(e) => set({ commentOnChanges: e.target.checked })} /> Comment on the ticket when its findings change
        </label>
      </details>
      <label className="checkbox">
        <input type="checkbox" checked={draft.isActive} onChange={(e) => set({ isActive: e.target.checked })} /> Active
      </label>
      <FormFooter form={form} errorTitle="The rule was not saved" submitLabel={rule ? 'Save rule' : 'Create rule'} onCancel={onCancel} />
    </form>
  );
}

/** Ticket rules: which findings open tickets where, grouped how, with which SLA. */
export default function TicketRulesPage() {
  const canWrite = useCanWrite();
  const instances = useLoad(allInstances, []);
  const policies = useLoad(() => unwrap(api.GET('/api/integration/sla-policies', { params: { query: { limit: 200 } } })), []);
  const rules = useLoad(() => unwrap(api.GET('/api/integration/ticket-rules', { params: { query: { limit: 200 } } })), []);
  const [editing, setEditing] = useState<TicketRule | 'new' | null>(null);
  const remove = useAction();
  const names = new Map((instances.data ?? []).map((i) => [i.id, i.name]));
  const policyNames = new Map((policies.data?.items ?? []).map((p) => [p.id, p.name]));
  const done = () => {
    setEditing(null);
    rules.reload();
  };
  return (
    <section>
      <div className="page-head">
        <h1>Ticket rules</h1>
        {canWrite && editing === null && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            New ticket rule
          </button>
        )}
      </div>
      <TicketsNav />
      {editing !== null && (
        <RuleForm key={editing === 'new' ? 'new' : editing.id} rule={editing === 'new' ? null : editing} instances={instances.data ?? []} policies={policies.data?.items ?? []} onSaved={done} onCancel={() => setEditing(null)} />
      )}
      <ErrorBox error={remove.error} title="The rule was not deleted" />
      <ListState load={rules} items={rules.data?.items} what="ticket rules" empty="No ticket rules yet." />
      <ul className="plain">
        {rules.data?.items.map((r) => (
          <li key={r.id} className="card ticket-rule">
            <h2 className="h3">
              {r.name} {!r.is_active && <span className="badge tone-off">inactive</span>}
            </h2>
            <p className="small">
              Opens a ticket per {r.group_by} in <strong>{names.get(r.instance_id) ?? r.instance_id}</strong> for {describeCriteria(r.filter_criteria)}
              {r.source_instance_id ? ` from ${names.get(r.source_instance_id) ?? r.source_instance_id}` : ''}
              {r.asset_conditions ? ` on assets with ${JSON.stringify(r.asset_conditions)}` : ''} · SLA: {r.sla_policy_id ? (policyNames.get(r.sla_policy_id) ?? r.sla_policy_id) : 'none'}
            </p>
            {canWrite && (
              <ItemActions
                name={r.name}
                busy={remove.busy}
                onEdit={() => setEditing(r)}
                confirmDelete={`Delete the ticket rule ${r.name}? Its tickets stay.`}
                onDelete={() => remove.run(() => unwrap(api.DELETE('/api/integration/ticket-rules/{id}', { params: { path: { id: r.id } } }))).then((ok) => ok && rules.reload())}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
