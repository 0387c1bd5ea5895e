import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineConnector } from './define-connector.ts';
import { defineTicketing, ticketStatusOf } from './define-ticketing.ts';
import { describeConnector } from './describe-connector.ts';
import { fieldsOf } from './fixtures/expect-invalid.ts';
import type { TicketDeclaration } from './ticket-types.ts';

const state = { key: 'SEC-1', url: 'https://acme.example.com/browse/SEC-1', status: 'To Do' };
const base: TicketDeclaration = {
  noun: 'issue',
  stream: 'issues',
  statusOf: (record) => (typeof record.status === 'string' ? record.status : null),
  statuses: { 'To Do': 'open', 'In Progress': 'in_progress', Done: 'resolved' },
  fields: { customfield_10042: { title: 'Risk score', type: 'number' } },
  create: async () => state,
  update: async () => state,
  get: async () => state,
};

const issues = {
  name: 'issues',
  ocsf: { class: 'incident_finding', classUid: 2005 },
  primaryKey: 'id',
  checkpoint: z.object({ since: z.string() }),
  fullRefresh: false,
  permissions: ['read:jira-work'],
  fetch: async function* () {
    yield { records: [] as { id: string }[], checkpoint: { since: '2026-01-01T00:00:00.000Z' } };
  },
  map: (raw: { id: string }) => ({ finding_info: { uid: raw.id } }),
};

const connector = (ticket: unknown, capabilities: readonly string[] = ['ingest', 'ticket']) =>
  defineConnector({
    id: 'acme-itsm',
    name: 'Acme ITSM',
    vendor: 'Acme',
    category: 'ticketing',
    version: '1.0.0',
    description: 'Tickets at Acme',
    features: ['tickets'],
    icon: '🎫',
    docsUrl: 'https://docs.example.com/acme',
    auth: [],
    config: z.object({ base_url: z.string().default('https://acme.example.com') }),
    capabilities: capabilities as never,
    streams: [issues],
    allowedHosts: [{ fromConfig: 'base_url' }],
    minPlatformVersion: '0.1.0',
    ticket: ticket as never,
  });

describe('defineTicketing', () => {
  it('keeps the status table and fields as frozen data and the calls as functions', async () => {
    const ticket = defineTicketing(base);
    expect(ticket.kind).toBe('ticket');
    expect(Object.isFrozen(ticket.statuses)).toBe(true);
    await expect(ticket.create({} as never, { dedupKey: 'k', title: 't', description: '', priority: 1, fields: {}, labels: [] })).resolves.toEqual(state);
  });

  it('names every problem: a bad noun, unknown statuses, no open or resolved status, bad fields, missing calls', () => {
    expect(
      fieldsOf(() =>
        defineTicketing({ ...base, noun: 'Issue', statuses: { 'To Do': 'todo' as never }, fields: { x: { title: '', type: 'date' as never } }, get: undefined as never }),
      ),
    ).toEqual(['ticket.noun', 'ticket.statuses.To Do', 'ticket.statuses', 'ticket.statuses', 'ticket.fields.x.title', 'ticket.fields.x.type', 'ticket.get']);
  });

  it('maps vendor statuses exactly, then case-insensitively, and unknown ones to open (flagged)', () => {
    expect(ticketStatusOf(base.statuses, 'Done')).toEqual({ status: 'resolved', known: true });
    expect(ticketStatusOf(base.statuses, 'in progress')).toEqual({ status: 'in_progress', known: true });
    expect(ticketStatusOf(base.statuses, 'Blocked')).toEqual({ status: 'open', known: false });
  });
});

describe('the ticket capability', () => {
  it('is backed by a ticket declaration on one of the connector\'s streams, and the declaration implies it', () => {
    expect(connector(base).capabilities).toEqual(['ingest', 'ticket']);
    expect(describeConnector(connector(base)).ticket).toEqual({ noun: 'issue', stream: 'issues', statuses: base.statuses, fields: base.fields });
    expect(fieldsOf(() => connector(undefined))).toEqual(['capabilities[1]']);
    expect(fieldsOf(() => connector(base, ['ingest']))).toEqual(['capabilities']);
    expect(fieldsOf(() => connector({ ...base, stream: 'tickets' }))).toEqual(['ticket.stream']);
  });
});
