import type { Ticket } from '../../api/types.ts';

/** The ticket's key in the ITSM, linking to it there; "not created yet" while pending. */
export function VendorKey({ ticket }: { ticket: Pick<Ticket, 'vendor_key' | 'vendor_url'> }) {
  if (!ticket.vendor_key) return <span className="muted small">not created yet</span>;
  if (!ticket.vendor_url || !/^https?:\/\//i.test(ticket.vendor_url)) return <code>{ticket.vendor_key}</code>;
  return (
    <a href={ticket.vendor_url} target="_blank" rel="noopener noreferrer">
      {ticket.vendor_key}
      <span className="visually-hidden"> (opens the ticket in the ITSM)</span>
    </a>
  );
}
