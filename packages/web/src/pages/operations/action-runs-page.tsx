import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { ActionRun } from '../../api/types.ts';
import { useCanWrite, useMe } from '../../auth/me-context.tsx';
import { SelectField } from '../../components/select-field.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { ago, exact } from '../../components/format.ts';
import { useLoad } from '../../components/use-load.ts';
import { allInstances } from './instance-names.ts';

const STATUSES: ActionRun['status'][] = ['pending_approval', 'approved', 'rejected', 'expired', 'running', 'succeeded', 'failed', 'reversed'];
const TONE: Record<ActionRun['status'], string> = { pending_approval: 'warn', approved: 'neutral', rejected: 'off', expired: 'off', running: 'warn', succeeded: 'good', failed: 'bad', reversed: 'neutral' };

function Decision({ run, onDone }: { run: ActionRun; onDone: () => void }) {
  const { me } = useMe();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const own = run.requested_by !== null && run.requested_by === me?.user_id;
  async function decide(kind: 'approve' | 'reject') {
    setBusy(true);
    setError(null);
    try {
      const path = { params: { path: { id: run.id } }, body: comment.trim() ? { comment: comment.trim() } : {} };
      if (kind === 'approve') await unwrap(api.POST('/api/integration/action-runs/{id}/approve', path));
      else await unwrap(api.POST('/api/integration/action-runs/{id}/reject', path));
      onDone();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }
  if (own) return <p className="hint">You requested this run: another admin or editor must approve it (separation of duties).</p>;
  return (
    <div className="decision">
      <div className="field">
        <label htmlFor={`comment-${run.id}`}>Comment (optional)</label>
        <input id={`comment-${run.id}`} value={comment} maxLength={2000} onChange={(e) => setComment(e.target.value)} />
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => decide('approve')}>
          Approve {run.action}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => decide('reject')}>
          Reject
        </button>
      </div>
      <ErrorBox error={error} title="The decision was not recorded" />
    </div>
  );
}

/** Response action runs: pending high-impact runs to approve or reject, and what every run did. */
export default function ActionRunsPage() {
  const canWrite = useCanWrite();
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '') as ActionRun['status'] | '';
  const instances = useLoad(allInstances, []);
  const runs = useLoad(() => unwrap(api.GET('/api/integration/action-runs', { params: { query: { limit: 50, ...(status ? { status } : {}) } } })), [status]);
  const names = new Map((instances.data ?? []).map((i) => [i.id, i.name]));

  return (
    <section>
      <h1>Action runs</h1>
      <div className="filters">
        <SelectField id="run-status" label="Status" value={status} options={STATUSES} onChange={(v) => setParams(v ? { status: v } : {})} />
      </div>
      <ErrorBox error={runs.error} />
      {!runs.data && <Loading what="action runs" />}
      {runs.data?.items.length === 0 && <p className="muted">No action runs{status ? ` with status ${status.replace('_', ' ')}` : ''}.</p>}
      <ul className="plain">
        {runs.data?.items.map((r) => (
          <li key={r.id} className="card action-run" aria-label={`${r.action} on ${names.get(r.instance_id) ?? r.instance_id}: ${r.status.replace('_', ' ')}`}>
            <p>
              <span className={`badge tone-${TONE[r.status]}`}>{r.status.replace('_', ' ')}</span> <strong>{r.action}</strong> on {names.get(r.instance_id) ?? r.instance_id}{' '}
              <span className={`badge ${r.impact === 'high' ? 'tone-bad' : 'tone-neutral'}`}>{r.impact} impact</span>
            </p>
            <p className="small muted">
              Requested by {r.requested_by_label} ({r.trigger}) <time dateTime={r.created_at} title={exact(r.created_at)}>{ago(r.created_at)}</time>
              {r.decided_by_label ? ` · ${r.status === 'rejected' ? 'rejected' : 'approved'} by ${r.decided_by_label}` : ''}
              {r.decision_comment ? `: “${r.decision_comment}”` : ''}
              {r.approval_expires_at && r.status === 'pending_approval' ? ` · the request expires ${ago(r.approval_expires_at)}` : ''}
              {r.duration_ms !== null ? ` · ran in ${r.duration_ms} ms` : ''}
            </p>
            <details>
              <summary className="small">Input, result and vendor response</summary>
              <pre className="small">{JSON.stringify({ input: r.input, result: r.result, error: r.error, vendor_response: r.vendor_response }, null, 2)}</pre>
            </details>
            {r.status === 'pending_approval' && canWrite && <Decision run={r} onDone={runs.reload} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
