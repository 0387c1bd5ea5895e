import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { Mapping } from '../../api/types.ts';
import { ErrorBox } from '../../components/error-box.tsx';
import { ago, exact } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';

const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/** Name, active toggle and Save (every save is a new version), and the versions saved so far. */
export function MappingSave({ saved, canWrite, defaultName, defaultActive, fieldMappings, blocked, onSave }: { saved: Mapping | null; canWrite: boolean; defaultName: string; defaultActive: boolean; fieldMappings: Record<string, string>; blocked: string | undefined; onSave: (name: string, active: boolean) => Promise<void> }) {
  const [name, setName] = useState(saved?.name ?? defaultName);
  const [active, setActive] = useState(saved?.active ?? defaultActive);
  const save = useAction();
  const versions = useLoad(() => (saved ? unwrap(api.GET('/api/integration/mappings/{id}/versions', { params: { path: { id: saved.id } } })) : Promise.resolve({ items: [] })), [saved?.id, saved?.version]);
  const dirty = !saved || saved.name !== name.trim() || saved.active !== active || !same(saved.field_mappings, fieldMappings);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await save.run(() => onSave(name.trim(), active));
  }

  return (
    <section className="card" aria-labelledby="save-title">
      <h2 id="save-title">{saved ? `Version ${saved.version}` : 'Save'}</h2>
      {canWrite && (
        <form onSubmit={submit} className="filters">
          <div className="field grow">
            <label htmlFor="mapping-name">Mapping name</label>
            <input id="mapping-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active (syncs apply it)
          </label>
          <button type="submit" className="primary" disabled={save.busy || !dirty || blocked !== undefined}>
            {save.busy ? 'Saving…' : saved ? 'Save a new version' : 'Create the mapping'}
          </button>
          {saved && !dirty && <span className="muted small">No unsaved changes.</span>}
        </form>
      )}
      {blocked && canWrite && <p className="field-error">{blocked}</p>}
      <ErrorBox error={save.error} title="The mapping was not saved" />
      {saved && (
        <>
          <h3 className="h3">Versions</h3>
          <ErrorBox error={versions.error} title="The versions did not load" />
          <ol className="plain versions">
            {(versions.data?.items ?? []).map((v) => (
              <li key={v.version}>
                <strong>v{v.version}</strong>
                {v.version === saved.version && (
                  <>
                    {' '}
                    <span className="badge tone-good">current</span>
                  </>
                )}{' '}
                · {Object.keys(v.field_mappings).length} field(s) · <span title={exact(v.created_at)}>{ago(v.created_at)}</span>
                <span className="muted small"> · {Object.keys(v.field_mappings).join(', ') || 'no overrides'}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
