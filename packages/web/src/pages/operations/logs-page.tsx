import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { LogEntry } from '../../api/types.ts';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { SelectField } from '../../components/select-field.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { exact } from '../../components/format.ts';
import { useLoad } from '../../components/use-load.ts';
import { allInstances } from './instance-names.ts';
import { InstanceSelect } from './instance-select.tsx';
import { DataTable } from '../../components/data-table.tsx';

const LEVELS = ['info', 'success', 'warning', 'error'] as const;
const TONE: Record<LogEntry['level'], string> = { info: 'neutral', success: 'good', warning: 'warn', error: 'bad' };

/** Integration logs with filters (integration, level, operation, text), newest first, paged. */
export default function LogsPage() {
  const [params, set] = useUrlFilters();
  const instance = params.get('instance') ?? '';
  const level = (params.get('level') ?? '') as LogEntry['level'] | '';
  const operation = params.get('operation') ?? '';
  const text = params.get('text') ?? '';
  const [search, setSearch] = useState(text);
  const [pages, setPages] = useState<LogEntry[][]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const instances = useLoad(allInstances, []);
  const query = { limit: 100, ...(instance ? { instance_id: instance } : {}), ...(level ? { level } : {}), ...(operation ? { operation } : {}), ...(text ? { text } : {}) };
  const first = useLoad(async () => {
    const page = await unwrap(api.GET('/api/integration/logs', { params: { query } }));
    setPages([]);
    setCursor(page.next_cursor);
    return page.items;
  }, [JSON.stringify(query)]);
  const names = new Map((instances.data ?? []).map((i) => [i.id, i.name]));
  async function more() {
    if (!cursor) return;
    const page = await unwrap(api.GET('/api/integration/logs', { params: { query: { ...query, cursor } } }));
    setPages((p) => [...p, page.items]);
    setCursor(page.next_cursor);
  }
  const entries = [...(first.data ?? []), ...pages.flat()];

  return (
    <section>
      <h1>Logs</h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          set('text', search.trim());
        }}
      >
        <InstanceSelect id="log-instance" instances={instances.data ?? []} value={instance} onChange={(v) => set('instance', v)} />
        <SelectField id="log-level" label="Level" value={level} options={LEVELS} onChange={(v) => set('level', v)} format={(s) => s} />
        <div className="field">
          <label htmlFor="log-operation">Operation</label>
          <input id="log-operation" list="log-operations" value={operation} onChange={(e) => set('operation', e.target.value)} placeholder="sync, connection_test…" />
          <datalist id="log-operations">
            {['sync', 'connection_test', 'instance.activate', 'instance.deactivate', 'health', 'freshness', 'action', 'sample'].map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="log-text">Message contains</label>
          <input id="log-text" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <button type="submit">Filter</button>
      </form>
      <ErrorBox error={first.error} />
      {!first.data && <Loading what="logs" />}
      {first.data && entries.length === 0 && <p className="muted">No log entries match.</p>}
      {entries.length > 0 && (
        <DataTable className="logs" caption="Log entries, newest first" columns={['Time', 'Level', 'Integration', 'Operation', 'Message']}>
          {entries.map((l) => (
            <tr key={l.id}>
              <td>
                <time dateTime={l.timestamp}>{exact(l.timestamp)}</time>
              </td>
              <td>
                <span className={`badge tone-${TONE[l.level]}`}>{l.level}</span>
              </td>
              <td>{l.instance_id ? (names.get(l.instance_id) ?? l.instance_id) : '—'}</td>
              <td>
                <code>{l.operation}</code>
              </td>
              <td>
                {l.message}
                {Object.keys(l.details).length > 0 && (
                  <details>
                    <summary className="small">details</summary>
                    <pre className="small">{JSON.stringify(l.details, null, 2)}</pre>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {cursor && (
        <button type="button" onClick={more}>
          Older entries
        </button>
      )}
    </section>
  );
}
