import { useEffect } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { SelectField } from '../../components/select-field.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { useLoad } from '../../components/use-load.ts';
import { ExecutionProgress, isTerminal } from './execution-progress.tsx';
import { allInstances } from './instance-names.ts';
import { InstanceSelect } from './instance-select.tsx';

const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;

/** Sync executions, newest first, with live progress while any is running. */
export default function ExecutionsPage() {
  const [params, set] = useUrlFilters();
  const instance = params.get('instance') ?? '';
  const status = (params.get('status') ?? '') as (typeof STATUSES)[number] | '';
  const instances = useLoad(allInstances, []);
  const executions = useLoad(
    () => unwrap(api.GET('/api/integration/sync-executions', { params: { query: { limit: 50, ...(instance ? { instance_id: instance } : {}), ...(status ? { status } : {}) } } })),
    [instance, status],
  );
  const live = executions.data?.items.some((e) => !isTerminal(e.status)) ?? false;
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(executions.reload, 1000);
    return () => clearInterval(timer);
  }, [live, executions.reload]);
  const names = new Map((instances.data ?? []).map((i) => [i.id, i.name]));

  return (
    <section>
      <h1>Sync executions</h1>
      <div className="filters">
        <InstanceSelect id="exec-instance" instances={instances.data ?? []} value={instance} onChange={(v) => set('instance', v)} />
        <SelectField id="exec-status" label="Status" value={status} options={STATUSES} onChange={(v) => set('status', v)} format={(s) => s} />
        {live && (
          <p className="muted small" role="status">
            Live: refreshing every second while a sync runs.
          </p>
        )}
      </div>
      <ErrorBox error={executions.error} />
      {!executions.data && <Loading what="executions" />}
      {executions.data?.items.length === 0 && <p className="muted">No sync has run yet.</p>}
      <ul className="plain">
        {executions.data?.items.map((e) => (
          <li key={e.id} className="card">
            <p className="small muted">{names.get(e.instance_id) ?? e.instance_id}</p>
            <ExecutionProgress execution={e} />
          </li>
        ))}
      </ul>
    </section>
  );
}
