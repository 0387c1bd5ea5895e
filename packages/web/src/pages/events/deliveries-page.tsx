import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { WebhookEndpoint, WebhookMessage } from '../../api/types.ts';
import { useCanWrite, useIsAdmin } from '../../auth/me-context.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { SelectField } from '../../components/select-field.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { ago, exact } from '../../components/format.ts';
import { ItemActions } from '../../components/item-actions.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { isoToLocal, localToIso } from '../destinations/lag.ts';
import { EditEndpoint, NewEndpoint, RotateSecret, SecretOnce } from './endpoint-forms.tsx';
import { MessageAttempts } from './message-attempts.tsx';
import { DataTable } from '../../components/data-table.tsx';

const STATUSES: WebhookMessage['status'][] = ['pending', 'delivering', 'retrying', 'delivered', 'dead_lettered'];
const TONE: Record<WebhookMessage['status'], string> = { pending: 'neutral', delivering: 'warn', retrying: 'warn', delivered: 'good', dead_lettered: 'bad' };

function circuit(e: WebhookEndpoint): { tone: string; text: string } {
  if (!e.is_active) return { tone: 'off', text: 'disabled' };
  if (e.circuit_open_until && new Date(e.circuit_open_until).getTime() > Date.now()) return { tone: 'bad', text: `circuit open until ${exact(e.circuit_open_until)}` };
  if (e.consecutive_failures > 0) return { tone: 'warn', text: `${e.consecutive_failures} failures in a row` };
  return { tone: 'good', text: 'delivering' };
}

function BulkReplay({ endpoint, onDone }: { endpoint: WebhookEndpoint; onDone: () => void }) {
  const [from, setFrom] = useState(() => isoToLocal(Date.now() - 86_400_000));
  const [to, setTo] = useState(() => isoToLocal(Date.now() + 60_000));
  const [result, setResult] = useState<string | null>(null);
  const replay = useAction();
  return (
    <form
      className="filters"
      aria-label={`Replay dead letters of ${endpoint.url}`}
      onSubmit={async (e) => {
        e.preventDefault();
        let replayed = 0;
        const ok = await replay.run(async () => {
          replayed = (await unwrap(api.POST('/api/integration/webhooks/{id}/replay', { params: { path: { id: endpoint.id } }, body: { from: localToIso(from) ?? '', to: localToIso(to) ?? '' } }))).replayed;
        });
        if (ok) {
          setResult(`${replayed} message${replayed === 1 ? '' : 's'} queued again, in their original order.`);
          onDone();
        }
      }}
    >
      <div className="field">
        <label htmlFor="bulk-from">Dead letters created from</label>
        <input id="bulk-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required />
      </div>
      <div className="field">
        <label htmlFor="bulk-to">to</label>
        <input id="bulk-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required />
      </div>
      <button type="submit" disabled={replay.busy}>
        Replay the range
      </button>
      {result && (
        <p className="small" role="status">
          {result}
        </p>
      )}
      <ErrorBox error={replay.error} title="Nothing was replayed" />
    </form>
  );
}

/** Outgoing webhook deliveries: endpoints and their circuit, messages with their attempts, the dead-letter queue with replay. */
export default function DeliveriesPage() {
  const canWrite = useCanWrite();
  const isAdmin = useIsAdmin();
  const [secret, setSecret] = useState<{ what: string; secret: string } | null>(null);
  const [params, set] = useUrlFilters();
  const endpointId = params.get('endpoint') ?? '';
  const status = (params.get('status') ?? (endpointId ? '' : 'dead_lettered')) as WebhookMessage['status'] | '';
  const [version, setVersion] = useState(0);
  const endpoints = useLoad(() => unwrap(api.GET('/api/integration/webhooks', { params: { query: { limit: 200 } } })), []);
  const messages = useLoad(
    () =>
      endpointId
        ? unwrap(api.GET('/api/integration/webhooks/{id}/messages', { params: { path: { id: endpointId }, query: { limit: 100, ...(status ? { status } : {}) } } }))
        : unwrap(api.GET('/api/integration/webhooks/dead-letters', { params: { query: { limit: 100 } } })),
    [endpointId, status, version],
  );
  const replay = useAction();
  const change = useAction();
  const [editing, setEditing] = useState<string | null>(null);
  const urls = new Map((endpoints.data?.items ?? []).map((e) => [e.id, e.url]));
  const endpoint = endpoints.data?.items.find((e) => e.id === endpointId);
  const refresh = () => setVersion((v) => v + 1);

  return (
    <section>
      <div className="page-head">
        <h1>Deliveries</h1>
        <button type="button" onClick={refresh}>
          Refresh
        </button>
      </div>
      <h2>Webhook endpoints</h2>
      {canWrite && (
        <NewEndpoint
          isAdmin={isAdmin}
          onCreated={(url, s) => {
            setSecret({ what: url, secret: s });
            endpoints.reload();
          }}
        />
      )}
      {secret && <SecretOnce what={secret.what} secret={secret.secret} onDone={() => setSecret(null)} />}
      <ErrorBox error={endpoints.error} />
      <ErrorBox error={change.error} title="The endpoint was not changed" />
      {!endpoints.data && !endpoints.error && <Loading what="webhook endpoints" />}
      {endpoints.data?.items.length === 0 && <p className="muted">No outgoing webhook endpoints yet.</p>}
      {endpoints.data && endpoints.data.items.length > 0 && (
        <DataTable className="endpoints" caption="Outgoing webhook endpoints" columns={['Endpoint', 'State', 'Created', canWrite && 'Actions']}>
          {endpoints.data.items.map((e) => {
            const c = circuit(e);
            return (
              <tr key={e.id}>
                <td>
                  {editing === e.id ? (
                    <EditEndpoint
                      endpoint={e}
                      isAdmin={isAdmin}
                      onSaved={() => {
                        setEditing(null);
                        endpoints.reload();
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  ) : (
                    <>
                      <button type="button" className={`link${e.id === endpointId ? ' current' : ''}`} onClick={() => set('endpoint', e.id, ['status'])}>
                        {e.url}
                      </button>
                      {e.description && <div className="small muted">{e.description}</div>}
                    </>
                  )}
                </td>
                <td>
                  <span className={`badge tone-${c.tone}`}>{c.text}</span>
                  {e.previous_secret_expires_at && <div className="small muted">secret rotation overlap until {exact(e.previous_secret_expires_at)}</div>}
                </td>
                <td>{ago(e.created_at)}</td>
                {canWrite && (
                  <td>
                    <ItemActions name={e.url} busy={change.busy} onEdit={() => setEditing(e.id)} confirmDelete={`Delete the webhook endpoint ${e.url}? Its messages and delivery log go with it.`} onDelete={() => change.run(() => unwrap(api.DELETE('/api/integration/webhooks/{id}', { params: { path: { id: e.id } } }))).then((ok) => ok && endpoints.reload())}>
                      <button type="button" disabled={change.busy} onClick={() => change.run(() => unwrap(api.PUT('/api/integration/webhooks/{id}', { params: { path: { id: e.id } }, body: { is_active: !e.is_active } }))).then((ok) => ok && endpoints.reload())}>
                        {e.is_active ? 'Disable' : 'Enable'} <span className="visually-hidden">{e.url}</span>
                      </button>
                      {isAdmin && (
                        <RotateSecret
                          endpoint={e}
                          onRotated={(s) => {
                            setSecret({ what: e.url, secret: s });
                            endpoints.reload();
                          }}
                        />
                      )}
                    </ItemActions>
                  </td>
                )}
              </tr>
            );
          })}
        </DataTable>
      )}

      <h2>{endpointId ? `Messages to ${endpoint?.url ?? endpointId}` : 'Dead-letter queue (all endpoints)'}</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="delivery-endpoint">Endpoint</label>
          <select id="delivery-endpoint" value={endpointId} onChange={(e) => set('endpoint', e.target.value, ['status'])}>
            <option value="">Dead-letter queue of every endpoint</option>
            {(endpoints.data?.items ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {e.url}
              </option>
            ))}
          </select>
        </div>
        {endpointId && (
          <SelectField id="delivery-status" label="Status" value={status} options={STATUSES} onChange={(v) => set('status', v)} />
        )}
      </div>
      {canWrite && endpoint && <BulkReplay endpoint={endpoint} onDone={refresh} />}
      <ErrorBox error={messages.error} />
      <ErrorBox error={replay.error} title="The message was not replayed" />
      {!messages.data && !messages.error && <Loading what="messages" />}
      {messages.data?.items.length === 0 && <p className="muted">{endpointId ? 'No messages match.' : 'The dead-letter queue is empty: every message was delivered or is still being retried.'}</p>}
      {messages.data && messages.data.items.length > 0 && (
        <DataTable className="messages" caption="Webhook messages, newest first" columns={['Event', 'Status', 'Attempts', 'Created', canWrite && 'Actions']}>
          {messages.data.items.map((m) => (
            <tr key={m.id}>
              <td>
                <code>{m.event_type}</code>
                {!endpointId && <div className="small muted">to {urls.get(m.endpoint_id) ?? m.endpoint_id}</div>}
                <details>
                  <summary className="small">Delivery log and payload</summary>
                  <MessageAttempts endpointId={m.endpoint_id} messageId={m.id} version={version} />
                  <pre className="small">{JSON.stringify(m.payload, null, 2)}</pre>
                </details>
              </td>
              <td>
                <span className={`badge tone-${TONE[m.status]}`}>{m.status.replace('_', ' ')}</span>
                {m.last_error && <div className="small tone-bad">{m.last_error}</div>}
                {m.next_attempt_at && m.status === 'retrying' && <div className="small muted">next attempt {ago(m.next_attempt_at)}</div>}
              </td>
              <td>
                {m.attempts}
                {m.last_status_code !== null ? ` (last ${m.last_status_code})` : ''}
              </td>
              <td>
                <time dateTime={m.created_at} title={exact(m.created_at)}>
                  {ago(m.created_at)}
                </time>
              </td>
              {canWrite && (
                <td>
                  {(m.status === 'dead_lettered' || m.status === 'delivered') && (
                    <button type="button" disabled={replay.busy} onClick={() => replay.run(() => unwrap(api.POST('/api/integration/webhooks/{id}/messages/{message_id}/replay', { params: { path: { id: m.endpoint_id, message_id: m.id } } }))).then((ok) => ok && refresh())}>
                      Replay <span className="visually-hidden">{m.event_type} message</span>
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
