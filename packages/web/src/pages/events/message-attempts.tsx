import { api, unwrap } from '../../api/client.ts';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { exact } from '../../components/format.ts';
import { useLoad } from '../../components/use-load.ts';

/** A message's delivery log: each attempt's status code, latency, error and response snippet. */
export function MessageAttempts({ endpointId, messageId, version }: { endpointId: string; messageId: string; version: number }) {
  const attempts = useLoad(() => unwrap(api.GET('/api/integration/webhooks/{id}/messages/{message_id}/attempts', { params: { path: { id: endpointId, message_id: messageId }, query: { limit: 50 } } })), [endpointId, messageId, version]);
  if (attempts.error) return <ErrorBox error={attempts.error} />;
  if (!attempts.data) return <Loading what="attempts" />;
  if (attempts.data.items.length === 0) return <p className="muted small">No attempt yet.</p>;
  return (
    <ol className="attempts small">
      {attempts.data.items.map((a) => (
        <li key={a.id}>
          #{a.attempt} <time dateTime={a.attempted_at}>{exact(a.attempted_at)}</time>: {a.status_code ?? 'no answer'} in {a.latency_ms} ms{a.error ? ` · ${a.error}` : ''}
          {a.response_snippet && <pre>{a.response_snippet}</pre>}
        </li>
      ))}
    </ol>
  );
}
