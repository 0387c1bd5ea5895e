import { ErrorBox } from '../../components/error-box.tsx';
import { issueLine } from './issue-line.ts';
import type { PreviewIssue, SamplePreview } from './mapping-types.ts';
import { diffOutputs, flatten, showValue } from './output-diff.ts';

function Leaves({ value, changed, label }: { value: unknown; changed: ReadonlySet<string>; label: string }) {
  if (value === null) return <p className="muted small">No output.</p>;
  return (
    <ol className="plain leaves mono" aria-label={label}>
      {flatten(value).map((leaf) => (
        <li key={leaf.path} className={changed.has(leaf.path) ? 'changed' : undefined}>
          <span className="leaf-path">{leaf.path}</span> = {showValue(leaf.value)}
        </li>
      ))}
    </ol>
  );
}

/**
 * The live preview of the sample: whether a sync would store it, what the mapping changed (highlighted in
 * both outputs), the problems that belong to no row, and the output's OCSF warnings.
 */
export function PreviewPanel({ sample, draftErrors, unplaced, running, error }: { sample: SamplePreview | undefined; draftErrors: readonly PreviewIssue[]; unplaced: readonly PreviewIssue[]; running: boolean; error: Error | undefined }) {
  const changes = sample ? diffOutputs(sample.default_output, sample.output) : [];
  const changed = new Set(changes.map((c) => c.path));
  return (
    <section className="card preview-panel" aria-labelledby="preview-title" aria-busy={running}>
      <div className="page-head">
        <h2 id="preview-title">Preview</h2>
        <span className="muted small" role="status" aria-live="polite">
          {running ? 'Updating…' : sample ? 'Up to date' : ''}
        </span>
      </div>
      <ErrorBox error={error} title="The preview failed" />
      {!sample && !error && <p className="muted">The preview appears once there is a sample record.</p>}
      {draftErrors.length > 0 && (
        <div className="error-box" role="alert">
          <strong>Problems in the mapping</strong>
          <ul>
            {draftErrors.map((e, i) => (
              <li key={i}>
                <code>{e.field}</code>: {issueLine(e)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {sample && (
        <>
          <p className={`badge ${sample.ok ? 'tone-good' : 'tone-bad'} verdict`}>{sample.ok ? `A sync would store this record${sample.external_id ? ` (${sample.external_id})` : ''}` : 'A sync would reject this record'}</p>
          {unplaced.length > 0 && (
            <div className="error-box" role="alert" aria-label="Validation errors of the record">
              <strong>Validation errors of the record</strong>
              <ul>
                {unplaced.map((e, i) => (
                  <li key={i}>{issueLine(e, true)}</li>
                ))}
              </ul>
            </div>
          )}
          <h3 className="h3">Changed fields ({changes.length})</h3>
          {changes.length === 0 ? (
            <p className="muted small">The mapping changes nothing in this record.</p>
          ) : (
            <table className="changes">
              <thead>
                <tr>
                  <th scope="col">OCSF field</th>
                  <th scope="col">Default</th>
                  <th scope="col">Mapped</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={c.path} className={`change-${c.kind}`}>
                    <td className="mono">{c.path}</td>
                    <td className="mono">{showValue(c.before)}</td>
                    <td className="mono">{showValue(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {sample.annotations && (
            <p className="small">
              Asset annotations: criticality <strong>{sample.annotations.criticality ?? 'not set'}</strong>, tags <strong>{sample.annotations.tags?.join(', ') || 'none'}</strong>
            </p>
          )}
          <div className="outputs">
            <div>
              <h3 className="h3">Default OCSF output</h3>
              <Leaves value={sample.default_output} changed={changed} label="Default OCSF output" />
            </div>
            <div>
              <h3 className="h3">Mapped OCSF output</h3>
              <Leaves value={sample.output} changed={changed} label="Mapped OCSF output" />
            </div>
          </div>
          {sample.warnings.length > 0 && (
            <details className="small">
              <summary>{sample.warnings.length} OCSF warnings</summary>
              <ul>
                {sample.warnings.map((w, i) => (
                  <li key={i}>{issueLine(w, true)}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
