import { Link } from 'react-router';
import { api, unwrap } from '../../api/client.ts';
import type { SlaState, TicketStatus } from '../../api/types.ts';
import { useCanWrite } from '../../auth/me-context.tsx';
import { useUrlFilters } from '../../components/use-url-filters.ts';
import { SelectField } from '../../components/select-field.tsx';
import { ErrorBox, Loading } from '../../components/error-box.tsx';
import { ago, exact } from '../../components/format.ts';
import { DueTime, SLA_STATES, SlaBadge, slaLabel, TICKET_STATUSES, TicketStatusBadge } from '../../components/sla-badge.tsx';
import { useAction } from '../../components/use-action.ts';
import { useLoad } from '../../components/use-load.ts';
import { allInstances } from '../operations/instance-names.ts';
import { InstanceSelect } from '../operations/instance-select.tsx';
import { TicketsNav } from './tickets-nav.tsx';
import { VendorKey } from './vendor-key.tsx';
import { DataTable } from '../../components/data-table.tsx';

/** Tickets Patchbay opened in the ITSM: status, SLA state and due time, vendor key; filters; Retry when failed. */
export default function TicketsPage() {
  const canWrite = useCanWrite();
  const [params, set] = useUrlFilters();
  const status = (params.get('status') ?? '') as TicketStatus | '';
  const sla = (params.get('sla') ?? '') as SlaState | '';
  const instance = params.get('instance') ?? '';
  const instances = useLoad(allInstances, []);
  const tickets = useLoad(
    () => unwrap(api.GET('/api/tickets', { params: { query: { limit: 100, ...(status ? { status } : {}), ...(sla ? { sla_state: sla } : {}), ...(instance ? { instance_id: instance } : {}) } } })),
    [status, sla, instance],
  );
  const retry = useAction();
  const names = new Map((instances.data ?? []).map((i) => [i.id, i.name]));

  return (
    <section>
      <h1>Tickets</h1>
      <TicketsNav />
      <div className="filters">
        <SelectField id="ticket-status" label="Status" value={status} options={TICKET_STATUSES} onChange={(v) => set('status', v)} />
        <SelectField id="ticket-sla" label="SLA state" value={sla} options={SLA_STATES} onChange={(v) => set('sla', v)} format={(s) => slaLabel(s)} />
        <InstanceSelect id="ticket-instance" instances={instances.data ?? []} value={instance} onChange={(v) => set('instance', v)} />
      </div>
      <ErrorBox error={tickets.error} />
      <ErrorBox error={retry.error} title="The retry was not queued" />
      {!tickets.data && !tickets.error && <Loading what="tickets" />}
      {tickets.data?.items.length === 0 && <p className="muted">No tickets{status || sla || instance ? ' match these filters' : ' yet: a ticket rule opens them for the findings it selects'}.</p>}
      {tickets.data && tickets.data.items.length > 0 && (
        <DataTable className="tickets" caption="Tickets, newest first" columns={['Ticket', 'Status', 'Priority', 'SLA', 'Vendor', 'Opened', canWrite && 'Actions']}>
          {tickets.data.items.map((t) => (
            <tr key={t.id}>
              <td>
                <Link to={`/tickets/${t.id}`}>{t.title}</Link>
                <div className="small muted">{names.get(t.instance_id) ?? t.instance_id}</div>
                {t.last_error && <div className="small tone-bad">{t.last_error.message}</div>}
              </td>
              <td>
                <TicketStatusBadge status={t.status} />
                {t.vendor_status && <div className="small muted">{t.vendor_status}</div>}
              </td>
              <td>P{t.priority}</td>
              <td>
                <SlaBadge state={t.sla.state} />
                <div className="small">
                  <DueTime due={t.sla.due_at} stopped={t.sla.stopped_at} />
                </div>
              </td>
              <td>
                <VendorKey ticket={t} />
              </td>
              <td>
                <time dateTime={t.opened_at} title={exact(t.opened_at)}>
                  {ago(t.opened_at)}
                </time>
              </td>
              {canWrite && (
                <td>
                  {t.status === 'failed' && (
                    <button type="button" disabled={retry.busy} onClick={() => retry.run(() => unwrap(api.POST('/api/tickets/{id}/retry', { params: { path: { id: t.id } } }))).then((ok) => ok && tickets.reload())}>
                      Retry <span className="visually-hidden">{t.title}</span>
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
