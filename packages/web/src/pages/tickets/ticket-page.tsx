import { Link, useParams } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { exact } from '../../components/format.ts';
import { SEVERITIES } from '../../components/filter-criteria.ts';
import { DueTime, SlaBadge, TicketStatusBadge } from '../../components/sla-badge.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { VendorKey } from './vendor-key.tsx';
import { DataTable } from '../../components/data-table.tsx';

/** One ticket: status and SLA clock, vendor key, mapped fields, the findings linked to it; Retry when failed. */
export default function TicketPage() {
  const { id = '' } = useParams();
  const canWrite = useCanWrite();
  const ticket = useLoad(() => unwrap(api.GET('/api/tickets/{id}', { params: { path: { id } } })), [id]);
  const rule = useLoad(async () => (ticket.data?.rule_id ? unwrap(api.GET('/api/integration/ticket-rules/{id}', { params: { path: { id: ticket.data.rule_id } } })) : null), [ticket.data?.rule_id]);
  const instance = useLoad(async () => (ticket.data ? unwrap(api.GET('/api/integration/instances/{id}', { params: { path: { id: ticket.data.instance_id } } })) : null), [ticket.data?.instance_id]);
  const retry = useAction();
  const t = ticket.data;
  return (
    <section>
      <p className="small">
        <Link to="/tickets">← Tickets</Link>
      </p>
      <ErrorBox error={ticket.error} title="This ticket could not be loaded" />
      {!t && !ticket.error && <Loading what="the ticket" />}
      {t && (
        <>
          <h1>{t.title}</h1>
          <p className="meta">
            <TicketStatusBadge status={t.status} /> <SlaBadge state={t.sla.state} /> <span>P{t.priority}</span>
            <span>
              <VendorKey ticket={t} />
              {t.vendor_status ? ` (${t.vendor_status} at the vendor)` : ''}
            </span>
          </p>
          <dl className="provenance">
            <dt>ITSM integration</dt>
            <dd>{instance.data ? `${instance.data.name} (${instance.data.connector_id})` : t.instance_id}</dd>
            <dt>Rule</dt>
            <dd>{t.rule_id ? (rule.data?.name ?? t.rule_id) : 'none (the rule was deleted)'}</dd>
            <dt>Opened</dt>
            <dd>{exact(t.opened_at)}</dd>
            <dt>SLA</dt>
            <dd>
              <DueTime due={t.sla.due_at} stopped={t.sla.stopped_at} />
              {t.sla.near_breach_at && ` · warning at ${exact(t.sla.near_breach_at)}`}
              {t.sla.stopped_at && ` · clock stopped ${exact(t.sla.stopped_at)}`}
            </dd>
            <dt>Resolved</dt>
            <dd>{t.resolved_at ? exact(t.resolved_at) : 'not yet'}</dd>
          </dl>
          {t.last_error && (
            <div className="error-box" role="alert">
              <strong>The ITSM calls were given up</strong>
              <p>{t.last_error.message}</p>
              <p className="muted small">{t.last_error.code}</p>
            </div>
          )}
          {canWrite && t.status === 'failed' && (
            <div className="actions">
              <button type="button" className="primary" disabled={retry.busy} onClick={() => retry.run(() => unwrap(api.POST('/api/tickets/{id}/retry', { params: { path: { id } } }))).then((ok) => ok && ticket.reload())}>
                Retry
              </button>
            </div>
          )}
          <ErrorBox error={retry.error} title="The retry was not queued" />
          <h2>Linked findings ({t.findings.length})</h2>
          {t.findings.length === 0 ? (
            <p className="muted">No findings are linked to this ticket.</p>
          ) : (
            <DataTable className="findings" caption="Findings linked to this ticket" columns={['Finding', 'Severity', 'Linked', 'Resolved at source', 'Done at the vendor']}>
              {t.findings.map((f) => (
                <tr key={f.record_id}>
                  <td>
                    <Link to={`/records?q=${encodeURIComponent(f.external_id)}`}>{f.title ?? f.external_id}</Link>
                    <div className="small muted">
                      class {f.class_uid} · stream {f.stream} · <code>{f.external_id}</code>
                    </div>
                  </td>
                  <td>{f.severity_id === null ? '—' : (SEVERITIES.find((s) => s.id === f.severity_id)?.label ?? f.severity_id)}</td>
                  <td>{exact(f.linked_at)}</td>
                  <td>{f.resolved_at ? exact(f.resolved_at) : 'open'}</td>
                  <td>{f.ticket_resolved_at ? exact(f.ticket_resolved_at) : '—'}</td>
                </tr>
              ))}
            </DataTable>
          )}
          <h2>Fields sent to the ITSM</h2>
          <pre className="small">{JSON.stringify(t.fields, null, 2)}</pre>
        </>
      )}
    </section>
  );
}
