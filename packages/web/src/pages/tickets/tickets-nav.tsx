import { NavLink } from 'react-router';

/** The tickets screens: the tickets, the rules that open them, the SLA policies that time them. */
export function TicketsNav() {
  return (
    <nav aria-label="Tickets" className="subnav">
      <NavLink to="/tickets" end>
        Tickets
      </NavLink>
      <NavLink to="/tickets/rules">Ticket rules</NavLink>
      <NavLink to="/tickets/sla-policies">SLA policies</NavLink>
    </nav>
  );
}
