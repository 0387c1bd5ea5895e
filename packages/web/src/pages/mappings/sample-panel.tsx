import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { ErrorBox } from '../../components/error-box.tsx';
import { ago } from '../../components/format.ts';
import { useAction } from '../../components/use-action.ts';
import type { StreamSamples } from './mapping-types.ts';

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * The left column: the raw vendor record the preview runs on. Recent ones come from the samples route
 * (when the hub keeps raw payloads); otherwise, or in addition, paste one.
 */
export function SamplePanel({ instanceId, stream, text, problem, onText }: { instanceId: string; stream: string; text: string; problem: string | undefined; onText: (text: string) => void }) {
  const [samples, setSamples] = useState<StreamSamples | null>(null);
  const [picked, setPicked] = useState(0);
  const load = useAction();

  async function loadRecent() {
    await load.run(async () => {
      const found = await unwrap(api.GET('/api/integration/instances/{id}/streams/{stream}/samples', { params: { path: { id: instanceId, stream }, query: { limit: 10 } } }));
      setSamples(found);
      setPicked(0);
      if (found.items[0]) onText(pretty(found.items[0].raw));
    });
  }

  return (
    <section className="card sample-panel" aria-labelledby="sample-title">
      <h2 id="sample-title">Source sample</h2>
      <div className="actions">
        <button type="button" onClick={loadRecent} disabled={load.busy}>
          {load.busy ? 'Loading…' : 'Load recent records'}
        </button>
      </div>
      <ErrorBox error={load.error} title="The samples did not load" />
      {samples && samples.items.length === 0 && (
        <p className="notice small" role="status">
          {samples.note ?? 'No recent records of this stream.'}
        </p>
      )}
      {samples && samples.items.length > 0 && (
        <div className="field">
          <label htmlFor="sample-pick">Sample</label>
          <select
            id="sample-pick"
            value={picked}
            onChange={(e) => {
              const index = Number(e.target.value);
              setPicked(index);
              onText(pretty(samples.items[index]!.raw));
            }}
          >
            {samples.items.map((s, i) => (
              <option key={i} value={i}>
                {s.external_id ?? '(no id)'} · {s.source === 'rejected' ? 'rejected' : 'stored'} · {ago(s.seen_at)}
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
