import type { FilterDraft } from './filter-criteria.ts';
import { COMMON_CLASSES, SEVERITIES } from './filter-criteria.ts';

/**
 * The event filter builder (subscriptions, ticket rules): OCSF classes (shortcuts and a free list),
 * a minimum severity, tags and a JSONata predicate over the event envelope. Every control has a label;
 * `error` names the field at fault (FilterDraftError) and is shown under it.
 */
export function FilterBuilder({ id, value, onChange, error }: { id: string; value: FilterDraft; onChange: (next: FilterDraft) => void; error?: { field: keyof FilterDraft; message: string } | null }) {
  const set = (patch: Partial<FilterDraft>) => onChange({ ...value, ...patch });
  const uids = value.classUids
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const toggle = (uid: number, on: boolean) => {
    const next = on ? [...uids, String(uid)] : uids.filter((u) => u !== String(uid));
    set({ classUids: [...new Set(next)].join(', ') });
  };
  const errorFor = (field: keyof FilterDraft) =>
    error?.field === field ? (
      <p className="field-error" id={`${id}-${field}-error`} role="alert">
        {error.message}
      </p>
    ) : null;
  const describedBy = (field: keyof FilterDraft, hint: string) => [hint, error?.field === field ? `${id}-${field}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset className="filter-builder">
      <legend>Filter</legend>
      <fieldset className="class-shortcuts">
        <legend className="small">OCSF classes</legend>
        {COMMON_CLASSES.map((c) => (
          <label key={c.uid} className="checkbox small">
            <input type="checkbox" checked={uids.includes(String(c.uid))} onChange={(e) => toggle(c.uid, e.target.checked)} />
            {c.label} ({c.uid})
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-classes`}>Class uids</label>
        <input id={`${id}-classes`} value={value.classUids} onChange={(e) => set({ classUids: e.target.value })} placeholder="2002, 2004" aria-invalid={error?.field === 'classUids'} aria-describedby={describedBy('classUids', `${id}-classes-hint`)} />
        <p className="hint" id={`${id}-classes-hint`}>
          Comma-separated; empty means every class.
        </p>
        {errorFor('classUids')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-severity`}>Severity at least</label>
        <select id={`${id}-severity`} value={value.severityAtLeast} onChange={(e) => set({ severityAtLeast: e.target.value })}>
          <option value="">Any severity</option>
          {SEVERITIES.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label} ({s.id})
            </option>
          ))}
        </select>
        {errorFor('severityAtLeast')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-tags`}>Tags (all of)</label>
        <input id={`${id}-tags`} value={value.tags} onChange={(e) => set({ tags: e.target.value })} placeholder="production, pci" aria-describedby={`${id}-tags-hint`} />
        <p className="hint" id={`${id}-tags-hint`}>
          Matched against the event’s <code>data.tags</code> or the record’s <code>metadata.labels</code>.
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-predicate`}>Predicate (JSONata)</label>
        <textarea id={`${id}-predicate`} rows={2} value={value.predicate} onChange={(e) => set({ predicate: e.target.value })} placeholder={'data.record.status_id = 1'} aria-describedby={`${id}-predicate-hint`} />
        <p className="hint" id={`${id}-predicate-hint`}>
          Over the envelope <code>{'{ type, timestamp, data }'}</code>; the API compiles it when you save and says what is wrong.
        </p>
      </div>
    </fieldset>
  );
}
