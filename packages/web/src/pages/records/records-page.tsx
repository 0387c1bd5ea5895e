import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { RecordItem } from '../../api/types.ts';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { ago, exact } from '../../components/format.ts';
import { useLoad } from '../../components/use-load.ts';
import { allInstances } from '../operations/instance-names.ts';
import { InstanceSelect } from '../operations/instance-select.tsx';
import { recordSummary } from './record-summary.ts';
import { DataTable } from '../../components/data-table.tsx';

const KINDS = [
  { path: '/api/records', label: 'All records' },
  { path: '/api/assets', label: 'Assets' },
  { path: '/api/vulnerabilities', label: 'Vulnerabilities' },
  { path: '/api/findings', label: 'Findings' },
  { path: '/api/incidents', label: 'Incidents' },
  { path: '/api/identities', label: 'Identities' },
] as const;
type KindPath = (typeof KINDS)[number]['path'];

function Provenance({ record: r }: { record: RecordItem }) {
  const p = r.provenance;
  return (
    <dl className="provenance small">
      <dt>Source</dt>
      <dd>
        {p.instance_name} ({p.connector_id} {p.connector_version}), stream {p.stream}
      </dd>
      <dt>Vendor id</dt>
      <dd>
        <code>{p.external_id}</code>
      </dd>
      <dt>Fetched</dt>
      <dd>{exact(p.fetched_at)}{p.sync_execution_id ? ` by sync ${p.sync_execution_id}` : ''}</dd>
      <dt>Mapping</dt>
      <dd>{p.mapping_version === null ? "the connector's built-in mapping" : `data mapping version ${p.mapping_version}`}</dd>
      <dt>Raw payload</dt>
      <dd>
        SHA-256 <code>{p.raw_hash.slice(0, 16)}…</code>, {p.raw_size} bytes
      </dd>
    </dl>
  );
}

/** Records browser: assets, vulnerabilities, findings, incidents, identities or any class, each with its provenance. */
export default function RecordsPage() {
  const [params, set] = useUrlFilters();
  const kind = (KINDS.find((k) => k.path === params.get('kind'))?.path ?? '/api/records') as KindPath;
  const instance = params.get('instance') ?? '';
  const q = params.get('q') ?? '';
  const [search, setSearch] = useState(q);
  const instances = useLoad(allInstances, []);
  const records = useLoad(
    () => unwrap(api.GET(kind as '/api/records', { params: { query: { limit: 50, ...(instance ? { instance_id: instance } : {}), ...(q ? { q } : {}) } } })),
    [kind, instance, q],
  );

  return (
    <section>
      <h1>Records</h1>
      <div className="segmented" role="group" aria-label="Kind of record">
        {KINDS.map((k) => (
          <button key={k.path} type="button" aria-pressed={kind === k.path} onClick={() => set('kind', k.path === '/api/records' ? '' : k.path)}>
            {k.label}
          </button>
        ))}
      </div>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          set('q', search.trim());
        }}
      >
        <InstanceSelect id="records-instance" instances={instances.data ?? []} value={instance} onChange={(v) => set('instance', v)} />
        <div className="field">
          <label htmlFor="records-q">Text anywhere in the record</label>
          <input id="records-q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <button type="submit">Search</button>
      </form>
      <ErrorBox error={records.error} />
      {!records.data && <Loading what="records" />}
      {records.data?.items.length === 0 && <p className="muted">No records match.</p>}
      {records.data && records.data.items.length > 0 && (
        <DataTable className="records" caption="Records, most recently seen first" columns={['Record', 'Class', 'Severity', 'Last seen', 'Provenance']}>
          {records.data.items.map((r) => (
            <tr key={r.id}>
              <td>
                {recordSummary(r.data)}
                {r.deleted_at && <span className="badge tone-off">deleted</span>}
                <details>
                  <summary className="small">OCSF</summary>
                  <pre className="small">{JSON.stringify(r.data, null, 2)}</pre>
                </details>
              </td>
              <td>
                {r.class_name ?? r.class_uid} <span className="muted small">({r.class_uid})</span>
              </td>
              <td>{r.severity ?? '—'}</td>
              <td>
                <time dateTime={r.last_seen} title={exact(r.last_seen)}>
                  {ago(r.last_seen)}
                </time>
              </td>
              <td>
                <Provenance record={r} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
