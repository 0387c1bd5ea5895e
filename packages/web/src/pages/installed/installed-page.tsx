import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { Execution } from '../../api/types.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { useLoad } from '../../components/use-load.ts';
import { allInstances } from '../operations/instance-names.ts';
import { FILTERS, matches, type InstalledFilter } from './installed-filter.ts';
import { InstanceCard, type InstanceView } from './instance-card.tsx';

const LABEL: Record<InstalledFilter, string> = { all: 'All', active: 'Active', inactive: 'Inactive', errors: 'Errors' };

async function load(): Promise<InstanceView[]> {
  const [instances, health, metrics] = await Promise.all([
    allInstances(),
    unwrap(api.GET('/api/integration/health', { params: { query: { limit: 200 } } })),
    unwrap(api.GET('/api/integration/metrics', { params: { query: { limit: 200 } } })),
  ]);
  const healthOf = new Map(health.items.map((h) => [h.instance_id, h]));
  const metricsOf = new Map(metrics.items.map((m) => [m.instance_id, m]));
  const recent = await Promise.all(instances.map((i) => unwrap(api.GET('/api/integration/sync-executions', { params: { query: { instance_id: i.id, limit: 20 } } }))));
  return instances.map((instance, n) => {
    const m = metricsOf.get(instance.id);
    const h = healthOf.get(instance.id);
    const latestPerStream = new Map<string, Execution>();
    for (const e of recent[n]!.items) if (!latestPerStream.has(e.stream)) latestPerStream.set(e.stream, e);
    return { instance, lastSyncs: [...latestPerStream.values()], ...(h ? { health: h } : {}), ...(m ? { synced: { records: m.records_processed, apiCalls: m.api_calls } } : {}) };
  });
}

/** `/integrations/installed`: every installed integration with its state and actions, filtered by state. */
export default function InstalledPage() {
  const canWrite = useCanWrite();
  const [params, setParams] = useSearchParams();
  const filter = (FILTERS as readonly string[]).includes(params.get('filter') ?? '') ? (params.get('filter') as InstalledFilter) : 'all';
  const connector = params.get('connector') ?? '';
  const views = useLoad(load, []);
  const all = (views.data ?? []).filter((v) => !connector || v.instance.connector_id === connector);
  const shown = all.filter((v) => matches(filter, v.instance, v.health));

  return (
    <section>
      <div className="page-head">
        <h1>My integrations</h1>
        {canWrite && (
          <Link className="button primary" to="/integrations">
            + Add integration
          </Link>
        )}
      </div>
      <div className="segmented" role="group" aria-label="Show">
        {FILTERS.map((f) => (
          <button key={f} type="button" aria-pressed={filter === f} onClick={() => setParams(f === 'all' ? {} : { filter: f })}>
            {LABEL[f]} ({all.filter((v) => matches(f, v.instance, v.health)).length})
          </button>
        ))}
      </div>
      {connector && (
        <p className="small">
          Showing {connector} only. <Link to="/integrations/installed">Show all</Link>
        </p>
      )}
      <ErrorBox error={views.error} />
      {!views.data && <Loading what="your integrations" />}
      {views.data && all.length === 0 && (
        <p>
          Nothing installed yet. <Link to="/integrations">Browse the catalogue</Link>.
        </p>
      )}
      {views.data && all.length > 0 && shown.length === 0 && <p className="muted">No integration under {LABEL[filter]}.</p>}
      <ul className="plain instances">
        {shown.map((v) => (
          <InstanceCard key={v.instance.id} view={v} onChange={views.reload} />
        ))}
      </ul>
    </section>
  );
}
