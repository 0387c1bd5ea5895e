import { useState, type FormEvent } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { ErrorBox } from '../../components/error-box.tsx';
import type { WizardData, WizardProgress } from './wizard-state.ts';

interface Row {
  target: string;
  expression: string;
}

/**
 * Step 3: each stream's records are mapped to OCSF by the connector's own mapper (the default, shown here);
 * optional overrides set OCSF fields with JSONata expressions over `{ raw, ocsf }`, saved as data mappings.
 */
export function StepMapping({ data, progress, onBack, onNext }: { data: WizardData; progress: WizardProgress; onBack: () => void; onNext: () => void }) {
  const streams = data.capabilities.streams;
  const [rows, setRows] = useState<Record<string, Row[]>>({});
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (stream: string, next: Row[]) => setRows((r) => ({ ...r, [stream]: next }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      for (const [stream, list] of Object.entries(rows)) {
        const fieldMappings = Object.fromEntries(list.filter((r) => r.target.trim() && r.expression.trim()).map((r) => [r.target.trim(), r.expression.trim()]));
        if (Object.keys(fieldMappings).length === 0) continue;
        await unwrap(api.POST('/api/integration/mappings', { body: { name: `${progress.name}: ${stream}`, instance_id: progress.instance!.id, stream, field_mappings: fieldMappings } }));
      }
      onNext();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-labelledby="step-title">
      <h2 id="step-title">3. Data mapping</h2>
      <p>
        Every record is normalised to OCSF by {data.connector.name}&apos;s built-in mapping. Leave it as it is, or override single OCSF fields with a JSONata expression over{' '}
        <code>raw</code> (the vendor record) and <code>ocsf</code> (the default result).
      </p>
      {streams.map((s) => {
        const list = rows[s.name] ?? [];
        return (
          <fieldset key={s.name} className="card stream-mapping">
            <legend>
              {s.title ?? s.name} <span className="muted small">({s.name})</span>
            </legend>
            <p className="small">
              Default: OCSF <strong>{s.ocsf_class ?? 'event'}</strong>
              {s.ocsf_class_uid ? ` (class ${s.ocsf_class_uid})` : ''} from the connector&apos;s mapper{s.full_refresh ? '; full refresh' : '; incremental'}.
            </p>
            {list.map((row, i) => (
              <div key={i} className="mapping-row">
                <div className="field">
                  <label htmlFor={`map-${s.name}-${i}-target`}>OCSF field</label>
                  <input id={`map-${s.name}-${i}-target`} placeholder="severity_id" value={row.target} onChange={(e) => set(s.name, list.map((r, j) => (j === i ? { ...r, target: e.target.value } : r)))} />
                </div>
                <div className="field grow">
                  <label htmlFor={`map-${s.name}-${i}-expr`}>Expression</label>
                  <input id={`map-${s.name}-${i}-expr`} placeholder='raw.priority = "P1" ? 5 : ocsf.severity_id' value={row.expression} onChange={(e) => set(s.name, list.map((r, j) => (j === i ? { ...r, expression: e.target.value } : r)))} />
                </div>
                <button type="button" onClick={() => set(s.name, list.filter((_, j) => j !== i))} aria-label={`Remove override ${i + 1} of ${s.name}`}>
                  Remove
                </button>
              </div>
            ))}
            <button type="button" onClick={() => set(s.name, [...list, { target: '', expression: '' }])}>
              + Override a field of {s.name}
            </button>
          </fieldset>
        );
      })}
      <ErrorBox error={error} title="The mapping was not saved" />
      <div className="actions">
        <button type="button" onClick={onBack}>
          ← Back
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : Object.values(rows).some((l) => l.length) ? 'Save overrides, next: test →' : 'Keep the defaults, next: test →'}
        </button>
      </div>
    </form>
  );
}
