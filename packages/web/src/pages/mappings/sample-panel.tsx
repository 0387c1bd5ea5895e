import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { ErrorBox } from '../../components/error-box.tsx';
import { useAction } from '../../components/use-action.ts';
import { liveSet, recentSet, type SampleSet } from './sample-choices.ts';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** Records a live sample asks for: a page's worth to pick from, well under the route's 50. */
const LIVE_LIMIT = 10;

/**
 * The left column: the raw vendor record the preview runs on. Recent ones come from the samples route
 * (when the hub keeps raw payloads); editors and admins can fetch the stream's first page live from the
 * vendor (stored nowhere); otherwise, or in addition, paste one.
 */
export function SamplePanel({ instanceId, stream, text, problem, onText }: { instanceId: string; stream: string; text: string; problem: string | undefined; onText: (text: string) => void }) {
  const canWrite = useCanWrite();
  const [samples, setSamples] = useState<SampleSet | null>(null);
  const [picked, setPicked] = useState(0);
  const load = useAction();
  const live = useAction();
  const path = { id: instanceId, stream };

  function show(set: SampleSet) {
    setSamples(set);
    setPicked(0);
    if (set.choices[0]) onText(pretty(set.choices[0].raw));
  }

  async function loadRecent() {
    live.clear();
    await load.run(async () => show(recentSet(await unwrap(api.GET('/api/integration/instances/{id}/streams/{stream}/samples', { params: { path, query: { limit: 10 } } })))));
  }

  async function fetchLive() {
    load.clear();
    await live.run(async () => show(liveSet(await unwrap(api.POST('/api/integration/instances/{id}/streams/{stream}/sample', { params: { path }, body: { limit: LIVE_LIMIT } })))));
  }

  return (
    <section className="card sample-panel" aria-labelledby="sample-title">
      <h2 id="sample-title">Source sample</h2>
      <div className="actions">
        <button type="button" onClick={loadRecent} disabled={load.busy || live.busy}>
          {load.busy ? 'Loading…' : 'Load recent records'}
        </button>
        {canWrite && (
          <button type="button" onClick={fetchLive} disabled={load.busy || live.busy} title="Reads the stream's first page from the vendor with the stored credentials; stores nothing">
            {live.busy ? 'Fetching…' : 'Fetch live sample'}
          </button>
        )}
      </div>
      <ErrorBox error={load.error} title="The samples did not load" />
      <ErrorBox error={live.error} title="The live sample failed" />
      {samples?.summary && (
        <p className="small muted" role="status">
          {samples.summary}
        </p>
      )}
      {samples?.note && (
        <p className="notice small" role="status">
          {samples.note}
        </p>
      )}
      {samples && samples.choices.length > 0 && (
        <div className="field">
          <label htmlFor="sample-pick">Sample</label>
          <select
            id="sample-pick"
            value={picked}
            onChange={(e) => {
              const index = Number(e.target.value);
              setPicked(index);
              onText(pretty(samples.choices[index]!.raw));
            }}
          >
            {samples.choices.map((s, i) => (
              <option key={i} value={i}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="sample-json">Raw vendor record (JSON)</label>
        <textarea id="sample-json" className="mono sample-json" rows={18} value={text} onChange={(e) => onText(e.target.value)} spellCheck={false} aria-invalid={problem !== undefined} aria-describedby={problem ? 'sample-problem' : undefined} placeholder='{ "id": "…", "severity": "high" }' />
      </div>
      {problem && (
        <p id="sample-problem" className="field-error">
          {problem}
        </p>
      )}
    </section>
  );
}
