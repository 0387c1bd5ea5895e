import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { Instance } from '../../api/types.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { ago, exact } from '../../components/format.ts';
import { useLoad } from '../../components/use-load.ts';
import { allInstances } from '../operations/instance-names.ts';
import './mapping-designer.css';

/** Picks an integration and one of its streams, then opens the designer on them. */
function NewMapping({ instances }: { instances: readonly Instance[] }) {
  const navigate = useNavigate();
  const [instanceId, setInstanceId] = useState('');
  const [stream, setStream] = useState('');
  const instance = instances.find((i) => i.id === instanceId);
  const streams = useLoad(() => (instance ? unwrap(api.GET('/api/integration/connectors/{id}/capabilities', { params: { path: { id: instance.connector_id } } })).then((c) => c.streams) : Promise.resolve([])), [instance?.connector_id]);
  return (
    <form
      className="card filters"
      aria-label="New mapping"
      onSubmit={(e) => {
        e.preventDefault();
        navigate(`/mappings/new?${new URLSearchParams({ instance: instanceId, stream })}`);
      }}
    >
      <div className="field">
        <label htmlFor="new-mapping-instance">Integration</label>
        <select
          id="new-mapping-instance"
          value={instanceId}
          onChange={(e) => {
            setInstanceId(e.target.value);
            setStream('');
          }}
          required
        >
          <option value="">Choose…</option>
          {instances.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name} ({i.connector_id})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="new-mapping-stream">Stream</label>
        <select id="new-mapping-stream" value={stream} onChange={(e) => setStream(e.target.value)} required disabled={!instance}>
          <option value="">Choose…</option>
          {(streams.data ?? []).map((s) => (
            <option key={s.name} value={s.name}>
              {s.title ?? s.name} → {s.ocsf_class ?? 'OCSF'}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="primary" disabled={!instanceId || !stream}>
        New mapping
      </button>
      <ErrorBox error={streams.error} title="The streams did not load" />
    </form>
  );
}

/** `/mappings`: the data mappings (JSONata overrides of a stream's OCSF output), and a way to start one. */
export default function MappingsPage() {
  const canWrite = useCanWrite();
  const data = useLoad(async () => {
    const [mappings, instances] = await Promise.all([unwrap(api.GET('/api/integration/mappings', { params: { query: { limit: 200 } } })), allInstances()]);
    return { mappings: mappings.items, instances };
  }, []);
  const names = new Map((data.data?.instances ?? []).map((i) => [i.id, i.name]));
  return (
    <section>
      <h1>Data mappings</h1>
      <p>
        A data mapping overrides OCSF fields of one integration&apos;s stream with JSONata expressions over the vendor record and the connector&apos;s default output. Syncs apply the active mapping of each stream; every save is a new version, and records name the version that shaped them.
      </p>
      {canWrite && data.data && <NewMapping instances={data.data.instances} />}
      {data.loading && !data.data && <Loading what="the data mappings" />}
      <ErrorBox error={data.error} title="The data mappings did not load" />
      {data.data && data.data.mappings.length === 0 && <p className="muted">No data mappings yet: every stream uses its connector&apos;s own mapping.</p>}
      {data.data && data.data.mappings.length > 0 && (
        <table>
          <caption className="visually-hidden">Data mappings</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Integration</th>
              <th scope="col">Stream</th>
              <th scope="col">Fields</th>
              <th scope="col">Active</th>
              <th scope="col">Version</th>
              <th scope="col">Changed</th>
            </tr>
          </thead>
          <tbody>
            {data.data.mappings.map((m) => (
              <tr key={m.id}>
                <td>
                  <Link to={`/mappings/${m.id}`}>{m.name}</Link>
                </td>
                <td>{names.get(m.instance_id) ?? m.instance_id}</td>
                <td>
                  <code>{m.stream}</code>
                </td>
                <td>{Object.keys(m.field_mappings).length}</td>
                <td>
                  <span className={`badge ${m.active ? 'tone-good' : 'tone-off'}`}>{m.active ? 'active' : 'inactive'}</span>
                </td>
                <td>v{m.version}</td>
                <td title={exact(m.updated_at)}>{ago(m.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
