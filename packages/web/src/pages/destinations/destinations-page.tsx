import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { Destination } from '../../api/types.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { ago, exact } from '../../components/format.ts';
import { describeCriteria } from '../../components/filter-criteria.ts';
import { useAction } from '../../components/use-action.ts';
import { ItemActions } from '../../components/item-actions.tsx';
import { useLoad } from '../../components/use-load.ts';
import { allInstances } from '../operations/instance-names.ts';
import { InstanceSelect } from '../operations/instance-select.tsx';
import { DeadLetters } from './dead-letters.tsx';
import { DestinationForm } from './destination-form.tsx';
import { isoToLocal, lagText, localToIso } from './lag.ts';

const TONE: Record<Destination['health']['state'], string> = { healthy: 'good', failing: 'bad', paused: 'off' };

function Replay({ destination, onDone }: { destination: Destination; onDone: () => void }) {
  const [from, setFrom] = useState(() => isoToLocal(Date.now() - 3_600_000));
  const [to, setTo] = useState(() => isoToLocal(Date.now() + 60_000));
  const [result, setResult] = useState<string | null>(null);
  const replay = useAction();
  const id = `replay-${destination.id}`;
  return (
    <form
      className="filters"
      aria-label={`Replay to ${destination.name}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setResult(null);
        const body = { from: localToIso(from) ?? '', to: localToIso(to) ?? '' };
        let events = 0;
        const ok = await replay.run(async () => {
          events = (await unwrap(api.POST('/api/integration/destinations/{id}/replay', { params: { path: { id: destination.id } }, body }))).events;
        });
        if (ok) {
          setResult(`${events} event${events === 1 ? '' : 's'} queued for replay.`);
          onDone();
        }
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-from`}>Replay from</label>
        <input id={`${id}-from`} type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>to</label>
        <input id={`${id}-to`} type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required />
      </div>
      <button type="submit" disabled={replay.busy || destination.replay !== null}>
        Replay <span className="visually-hidden">to {destination.name}</span>
      </button>
      {result && (
        <p className="small" role="status">
          {result}
        </p>
      )}
      <ErrorBox error={replay.error} title="The replay did not start" />
    </form>
  );
}

function DestinationCard({ d, instanceName, canWrite, onChange, onEdit }: { d: Destination; instanceName: (id: string | null) => string; canWrite: boolean; onChange: () => void; onEdit: () => void }) {
  const [version, setVersion] = useState(0);
  const act = useAction();
  const h = d.health;
  const changed = () => {
    setVersion((v) => v + 1);
    onChange();
  };
  return (
    <li className={`card destination tone-border-${TONE[h.state]}`} aria-label={`${d.name}: ${h.state}`}>
      <h2 className="h3">
        {d.name} <span className={`badge tone-${TONE[h.state]}`}>{h.state}</span>
      </h2>
      <p className="small muted">
        {d.format} to {instanceName(d.instance_id)} · events <code>{d.event_type}</code>
        {d.source_instance_id ? ` from ${instanceName(d.source_instance_id)}` : ''} · {describeCriteria(d.filter_criteria)}
      </p>
      <dl className="provenance">
        <dt>Lag</dt>
        <dd className="lag">{lagText(h.events_behind, h.oldest_unsent_age_seconds)}</dd>
        <dt>Sent</dt>
        <dd>
          {h.events_sent.toLocaleString('en')} events · last{' '}
          <time dateTime={h.last_sent_at ?? undefined} title={exact(h.last_sent_at)}>
            {ago(h.last_sent_at)}
          </time>
        </dd>
        {h.state === 'failing' && (
          <>
            <dt>Failing</dt>
            <dd className="tone-bad">
              since {exact(h.failing_since)} · {h.consecutive_failures} failures in a row
              {h.last_error ? `: ${h.last_error.message} (${h.last_error.code})` : ''}
              {h.next_attempt_at ? ` · next attempt ${ago(h.next_attempt_at)}` : ''}
            </dd>
          </>
        )}
        {d.replay && (
          <>
            <dt>Replay</dt>
            <dd>
              {exact(d.replay.from)} to {exact(d.replay.to)}: at {d.replay.position} of {d.replay.until}
            </dd>
          </>
        )}
      </dl>
      {canWrite && (
        <ItemActions name={d.name} busy={act.busy} onEdit={onEdit} confirmDelete={`Delete the destination ${d.name} and its dead-letter queue?`} onDelete={() => act.run(() => unwrap(api.DELETE('/api/integration/destinations/{id}', { params: { path: { id: d.id } } }))).then((ok) => ok && onChange())}>
          {h.state === 'failing' && (
            <button type="button" className="danger" disabled={act.busy} onClick={() => window.confirm(`Skip the failing batch of ${d.name} into its dead-letter queue?`) && act.run(() => unwrap(api.POST('/api/integration/destinations/{id}/skip', { params: { path: { id: d.id } } }))).then((ok) => ok && changed())}>
              Skip failing batch <span className="visually-hidden">of {d.name}</span>
            </button>
          )}
          <button type="button" disabled={act.busy} onClick={() => act.run(() => unwrap(api.PUT('/api/integration/destinations/{id}', { params: { path: { id: d.id } }, body: { is_active: !d.is_active } }))).then((ok) => ok && changed())}>
            {d.is_active ? 'Pause' : 'Resume'} <span className="visually-hidden">{d.name}</span>
          </button>
        </ItemActions>
      )}
      <ErrorBox error={act.error} title="That did not work" />
      {canWrite && <Replay destination={d} onDone={changed} />}
      <details>
        <summary>Dead-letter queue</summary>
        <DeadLetters destinationId={d.id} version={version} />
      </details>
    </li>
  );
}

/** The connectors that can send to a SIEM (the destination capability). */
async function senderConnectors(): Promise<Set<string>> {
  const page = await unwrap(api.GET('/api/integration/connectors', { params: { query: { limit: 200, capability: 'destination' } } }));
  return new Set(page.items.map((c) => c.id));
}

/** SIEM destinations with their health and lag; create and edit them, skip a poison batch, replay a time range, the dead-letter queue. */
export default function DestinationsPage() {
  const canWrite = useCanWrite();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<Destination | 'new' | null>(null);
  const instance = params.get('instance') ?? '';
  const instances = useLoad(allInstances, []);
  const senders = useLoad(senderConnectors, []);
  const types = useLoad(() => unwrap(api.GET('/api/integration/events/types')), []);
  const destinations = useLoad(() => unwrap(api.GET('/api/integration/destinations', { params: { query: { limit: 200, ...(instance ? { instance_id: instance } : {}) } } })), [instance]);
  const names = new Map((instances.data ?? []).map((i) => [i.id, i.name]));
  const instanceName = (id: string | null) => (id ? (names.get(id) ?? id) : '');
  return (
    <section>
      <div className="page-head">
        <h1>Destinations</h1>
        {canWrite && editing === null && (
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            New destination
          </button>
        )}
        <button type="button" onClick={destinations.reload}>
          Refresh
        </button>
      </div>
      {editing !== null && (
        <DestinationForm
          key={editing === 'new' ? 'new' : editing.id}
          destination={editing === 'new' ? null : editing}
          senders={(instances.data ?? []).filter((i) => senders.data?.has(i.connector_id))}
          instances={instances.data ?? []}
          types={types.data?.items ?? []}
          onSaved={() => {
            setEditing(null);
            destinations.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <div className="filters">
        <InstanceSelect id="destination-instance" instances={instances.data ?? []} value={instance} onChange={(v) => setParams(v ? { instance: v } : {})} />
      </div>
      <ErrorBox error={destinations.error} />
      {!destinations.data && !destinations.error && <Loading what="destinations" />}
      {destinations.data?.items.length === 0 && <p className="muted">No SIEM destinations{instance ? ' on this integration' : ''} yet.</p>}
      <ul className="plain">
        {destinations.data?.items.map((d) => (
          <DestinationCard key={d.id} d={d} instanceName={instanceName} canWrite={canWrite} onChange={destinations.reload} onEdit={() => setEditing(d)} />
        ))}
      </ul>
    </section>
  );
}
