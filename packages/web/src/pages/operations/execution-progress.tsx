import type { Execution } from '../../api/types.ts';
import { ago, exact } from '../../components/format.ts';

export const isTerminal = (status: Execution['status']) => status === 'completed' || status === 'failed' || status === 'cancelled';

const TONE: Record<Execution['status'], string> = { pending: 'neutral', running: 'warn', completed: 'good', failed: 'bad', cancelled: 'off' };

/** One sync execution: status, counters as they grow, the error when it failed. */
export function ExecutionProgress({ execution: e }: { execution: Execution }) {
  const error = e.error_details as { message?: string; code?: string } | null;
  return (
    <div className="execution" aria-label={`Sync of ${e.stream}: ${e.status}`}>
      <p>
        <span className={`badge tone-${TONE[e.status]}`}>{e.status}</span> <strong>{e.stream}</strong>{' '}
        <span className="muted small">
          {e.trigger}, started <time dateTime={e.started_at ?? e.created_at} title={exact(e.started_at ?? e.created_at)}>{ago(e.started_at ?? e.created_at)}</time>
          {e.ended_at && e.started_at ? `, took ${((Date.parse(e.ended_at) - Date.parse(e.started_at)) / 1000).toFixed(1)} s` : ''}
        </span>
      </p>
      {!isTerminal(e.status) && <progress aria-label={`${e.stream} in progress`} />}
      <p className="small counters">
        {e.pages} page{e.pages === 1 ? '' : 's'} · {e.records_processed} processed · {e.records_created} new · {e.records_updated} updated · {e.records_unchanged} unchanged
        {e.records_deleted ? ` · ${e.records_deleted} deleted` : ''}
        {e.records_invalid ? ` · ${e.records_invalid} rejected` : ''}
      </p>
      {error?.message && (
        <p className="error-box small" role="alert">
          {error.code ? `${error.code}: ` : ''}
          {error.message}
        </p>
      )}
    </div>
  );
}
