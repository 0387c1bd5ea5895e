import { issueLine } from './issue-line.ts';
import type { FieldRow } from './draft-rows.ts';
import type { PreviewIssue } from './mapping-types.ts';

export interface RowView {
  readonly row: FieldRow;
  readonly suggestions: readonly string[];
  /** A problem found before the API saw the row (half-filled, repeated target). */
  readonly problem: string | undefined;
  readonly errors: readonly PreviewIssue[];
  readonly warnings: readonly PreviewIssue[];
}

/**
 * The middle column: one row per overridden OCSF field, its target (suggested from the class's attributes)
 * and JSONata expression, with the problems the preview found for it right below.
 */
export function FieldRows({ views, canWrite, focusKey, onChange, onRemove, onAdd }: { views: readonly RowView[]; canWrite: boolean; focusKey: number | null; onChange: (key: number, patch: Partial<FieldRow>) => void; onRemove: (key: number) => void; onAdd: () => void }) {
  return (
    <section className="card field-rows" aria-labelledby="fields-title">
      <h2 id="fields-title">Overridden OCSF fields</h2>
      <p className="small muted">
        Each expression is JSONata over <code>raw</code> (the vendor record) and <code>ocsf</code> (the connector&apos;s default output). A result of undefined keeps the default; <code>null</code> removes the field.
      </p>
      {views.length === 0 && <p className="muted">No overrides: the connector&apos;s mapping applies as it is. {canWrite ? 'Add a field, or pick one in the OCSF schema.' : ''}</p>}
      <ol className="plain">
        {views.map(({ row, suggestions, problem, errors, warnings }, i) => {
          const id = `row-${row.key}`;
          const bad = errors.length > 0 || problem !== undefined;
          return (
            <li key={row.key} className={`field-row${bad ? ' has-errors' : ''}`}>
              <div className="field">
                <label htmlFor={`${id}-target`}>Target {i + 1}</label>
                <input id={`${id}-target`} className="mono" list={`${id}-suggestions`} value={row.target} readOnly={!canWrite} onChange={(e) => onChange(row.key, { target: e.target.value })} placeholder="severity_id" autoComplete="off" spellCheck={false} />
                <datalist id={`${id}-suggestions`}>
                  {suggestions.map((s) => (
                    <option key={s} value={s} />
                  ))}
                </datalist>
              </div>
              <div className="field grow">
                <label htmlFor={`${id}-expression`}>Expression {i + 1}</label>
                <textarea
                  id={`${id}-expression`}
                  className="mono"
                  rows={2}
                  value={row.expression}
                  readOnly={!canWrite}
                  autoFocus={row.key === focusKey}
                  onChange={(e) => onChange(row.key, { expression: e.target.value })}
                  placeholder='raw.priority = "P1" ? 5 : ocsf.severity_id'
                  spellCheck={false}
                  aria-invalid={bad}
                  aria-describedby={bad || warnings.length ? `${id}-issues` : undefined}
                />
              </div>
              {canWrite && (
                <button type="button" onClick={() => onRemove(row.key)} aria-label={`Remove override ${i + 1}${row.target ? ` (${row.target})` : ''}`}>
                  Remove
                </button>
              )}
              {(bad || warnings.length > 0) && (
                <ul id={`${id}-issues`} className="plain row-issues" aria-label={`Problems of ${row.target || `override ${i + 1}`}`}>
                  {problem && <li className="field-error">{problem}</li>}
                  {errors.map((e, j) => (
                    <li key={`e${j}`} className="field-error">
                      {issueLine(e)}
                    </li>
                  ))}
                  {warnings.map((w, j) => (
                    <li key={`w${j}`} className="small warn-text">
                      {issueLine(w)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {canWrite && (
        <button type="button" onClick={onAdd}>
          + Add a field
        </button>
      )}
    </section>
  );
}
