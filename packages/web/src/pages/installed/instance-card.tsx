import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { Execution, Health, Instance } from '../../api/types.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { ErrorBox } from '../../components/error-box.tsx';
import { ago, count, exact } from '../../components/format.ts';
import { Dot, HealthBadge, StatusBadge, statusTone } from '../../components/status.tsx';

export interface InstanceView {
  readonly instance: Instance;
  readonly health?: Health;
  /** The latest execution of each stream, newest first. */
  readonly lastSyncs: readonly Execution[];
  /** From the metrics of the last 24 hours. */
  readonly synced?: { records: number; apiCalls: number };
}

/** One installed integration: status colour, last sync, synced counts, health, and what you can do with it. */
export function InstanceCard({ view, onChange }: { view: InstanceView; onChange: () => void }) {
  const canWrite = useCanWrite();
  const navigate = useNavigate();
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const { instance: i, health, lastSyncs, synced } = view;
  const lastSync = lastSyncs[0];
  const failing = i.status === 'error' || health?.state === 'unhealthy';
  const path = { params: { path: { id: i.id } } };

  async function act(what: () => Promise<unknown>, then?: () => void) {
    setBusy(true);
    setError(null);
    try {
      await what();
      onChange();
      then?.();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  }
  const syncNow = () => act(() => unwrap(api.POST('/api/integration/instances/{id}/sync', { ...path, body: {} })), () => navigate(`/operations/executions?instance=${i.id}`));
  const retry = () =>
    act(async () => {
      if (i.status === 'error') await unwrap(api.POST('/api/integration/instances/{id}/activate', path));
      await unwrap(api.POST('/api/integration/instances/{id}/sync', { ...path, body: {} }));
    }, () => navigate(`/operations/executions?instance=${i.id}`));

  const tone = statusTone(i.status, health?.state);
  return (
    <li className={`card instance-card tone-border-${tone}`} aria-labelledby={`instance-${i.id}`}>
      <h3 id={`instance-${i.id}`}>
        <Dot tone={tone} label={failing ? 'failing' : i.status} /> {i.name} <span className="muted small">({i.connector_id} {i.connector_version})</span>
      </h3>
      <p>
        <StatusBadge status={i.status} /> {health && <HealthBadge state={health.state} />}{' '}
        <span className="small">
          Last sync:{' '}
          {lastSync ? (
            <>
              <time dateTime={lastSync.ended_at ?? lastSync.created_at} title={exact(lastSync.ended_at ?? lastSync.created_at)}>
                {ago(lastSync.ended_at ?? lastSync.started_at ?? lastSync.created_at)}
              </time>{' '}
              ({lastSyncs.map((e) => `${e.stream}: ${e.status}, ${e.records_created} new, ${e.records_updated} updated`).join('; ')})
            </>
          ) : (
            'never'
          )}
        </span>
      </p>
      {synced && (
        <p className="small">
          Synced in the last 24 h: {count(synced.records)} records, {count(synced.apiCalls)} API calls
        </p>
      )}
      {(i.error_message || health?.last_error) && failing && (
        <p className="error-box small">
          {i.error_message ?? `${health?.last_error?.code}: ${health?.last_error?.message}`}
        </p>
      )}
      <div className="actions">
        {canWrite && (
          <Link className="button" to={`/integrations/${i.connector_id}/configure?instance=${i.id}`}>
            Configure
          </Link>
        )}
        {canWrite && i.status === 'active' && !failing && (
          <button type="button" disabled={busy} onClick={syncNow}>
            Sync now
          </button>
        )}
        {canWrite && failing && (
          <button type="button" className="primary" disabled={busy} onClick={retry}>
            Retry
          </button>
        )}
        {canWrite && (i.status === 'active' || i.status === 'error') && (
          <button type="button" className="danger" disabled={busy} onClick={() => act(() => unwrap(api.POST('/api/integration/instances/{id}/deactivate', path)))}>
            Disable
          </button>
        )}
        {canWrite && (i.status === 'inactive' || i.status === 'configuring') && (
          <button type="button" disabled={busy} onClick={() => act(() => unwrap(api.POST('/api/integration/instances/{id}/activate', path)))}>
            Enable
          </button>
        )}
        <Link className="button" to={`/operations/logs?instance=${i.id}`}>
          View logs
        </Link>
        <Link className="button" to={`/records?instance=${i.id}`}>
          Records
        </Link>
      </div>
      <ErrorBox error={error} />
    </li>
  );
}
