import { isOneOf } from './catalogue.ts';
import { freezeData } from './freeze.ts';
import { DeclarationIssues } from './issues.ts';
import { ticketStatuses, type TicketDeclaration, type TicketDefinition } from './ticket-types.ts';

const fieldTypes = ['string', 'number', 'boolean', 'array', 'object'];

/** Records every problem in a ticket declaration under `field`; `streams` are the connector's stream names. */
export function checkTicketing(issues: DeclarationIssues, field: string, ticket: TicketDeclaration<never>, streams?: ReadonlySet<string>): void {
  if (typeof ticket.noun !== 'string' || !/^[a-z][a-z ]*$/.test(ticket.noun)) issues.add(`${field}.noun`, 'must be a lowercase noun such as "issue" or "incident"');
  if (typeof ticket.stream !== 'string') issues.add(`${field}.stream`, 'must name the stream whose records are the tickets');
  else if (streams !== undefined && !streams.has(ticket.stream)) issues.add(`${field}.stream`, `"${ticket.stream}" is not a stream of this connector`, 'Status sync reads the tickets through one of the connector\'s streams.');
  const statuses: unknown = ticket.statuses;
  if (typeof statuses !== 'object' || statuses === null || Object.keys(statuses).length === 0) {
    issues.add(`${field}.statuses`, 'must map at least one vendor status to a Patchbay status');
  } else {
    const targets = new Set<string>();
    for (const [vendor, status] of Object.entries(statuses)) {
      if (!isOneOf(ticketStatuses, status)) issues.add(`${field}.statuses.${vendor}`, `${JSON.stringify(status)} is not one of ${ticketStatuses.join(', ')}`);
      else targets.add(status);
    }
    for (const needed of ['open', 'resolved'] as const) {
      if (!targets.has(needed)) issues.add(`${field}.statuses`, `no vendor status maps to "${needed}"`, 'The engine opens and resolves tickets; both need a vendor status.');
    }
  }
  for (const [name, declared] of Object.entries(ticket.fields ?? {})) {
    if (typeof declared?.title !== 'string' || declared.title === '') issues.add(`${field}.fields.${name}.title`, 'must be a non-empty string');
    if (!fieldTypes.includes(declared?.type)) issues.add(`${field}.fields.${name}.type`, `must be one of ${fieldTypes.join(', ')}`);
  }
  for (const fn of ['statusOf', 'create', 'update', 'get'] as const) {
    if (typeof ticket[fn] !== 'function') issues.add(`${field}.${fn}`, 'must be a function');
  }
}

/** Declares how a connector opens and follows tickets (the `ticket` capability) for the ticket engine. */
export function defineTicketing<Config = Record<string, unknown>>(declaration: TicketDeclaration<Config>): TicketDefinition<Config> {
  const issues = new DeclarationIssues('ticketing');
  checkTicketing(issues, 'ticket', declaration as TicketDeclaration<never>);
  issues.throwIfAny();
  return freezeData({ ...declaration, kind: 'ticket' as const });
}

/** The Patchbay status of a vendor status under a status table (unknown statuses count as open). */
export function ticketStatusOf(statuses: Readonly<Record<string, string>>, vendorStatus: string): { status: (typeof ticketStatuses)[number]; known: boolean } {
  const direct = statuses[vendorStatus] ?? Object.entries(statuses).find(([name]) => name.toLowerCase() === vendorStatus.toLowerCase())?.[1];
  return isOneOf(ticketStatuses, direct) ? { status: direct, known: true } : { status: 'open', known: false };
}
