import { api, unwrap } from '../../api/client.ts';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { exact } from '../../components/format.ts';
import { useLoad } from '../../components/use-load.ts';
import { DataTable } from '../../components/data-table.tsx';

/** A destination's dead-letter queue: the events skipped past, with why, in seq order. */
export function DeadLetters({ destinationId, version }: { destinationId: string; version: number }) {
  const letters = useLoad(() => unwrap(api.GET('/api/integration/destinations/{id}/dead-letters', { params: { path: { id: destinationId }, query: { limit: 100 } } })), [destinationId, version]);
  if (letters.error) return <ErrorBox error={letters.error} />;
  if (!letters.data) return <Loading what="dead letters" />;
  if (letters.data.items.length === 0) return <p className="muted small">The dead-letter queue is empty.</p>;
  return (
    <DataTable className="dead-letters small" caption="Dead-lettered events" columns={['Seq', 'Event', 'Occurred', 'Why', 'Skipped']}>
      {letters.data.items.map((l) => (
        <tr key={l.id}>
          <td>{l.seq}</td>
          <td>
            <code>{l.event_type}</code>
            <details>
              <summary>payload</summary>
              <pre>{JSON.stringify(l.payload, null, 2)}</pre>
            </details>
          </td>
          <td>{exact(l.occurred_at)}</td>
          <td>{l.reason ? String((l.reason as { message?: unknown }).message ?? JSON.stringify(l.reason)) : '—'}</td>
          <td>{exact(l.created_at)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
