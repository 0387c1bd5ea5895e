import { describe, expect, it } from 'vitest';
import { describeConnector } from '@patchbay/sdk';
import connector from './connector.ts';

describe('servicenow declaration', () => {
  const described = describeConnector(connector);

  it('is an itsm connector with the three streams, ticket actions and the ticket capability, by basic or OAuth client credentials', () => {
    expect(described).toMatchObject({ id: 'servicenow', category: 'itsm', capabilities: ['ingest', 'actions', 'ticket'] });
    expect(connector.auth.map((a) => a.type)).toEqual(['basic', 'oauth2_client_credentials']);
    expect(connector.streams!.map((s) => [s.name, s.fullRefresh, s.permissions])).toEqual([
      ['configuration-items', true, ['cmdb_read']],
      ['business-services', true, ['cmdb_read']],
      ['incidents', false, ['itil']],
    ]);
    expect(connector.auth[1]).toMatchObject({ clientAuth: 'body' });
    expect((connector.auth[1] as { tokenUrl: (c: unknown) => string }).tokenUrl({ base_url: 'https://acme.service-now.com' })).toBe('https://acme.service-now.com/oauth_token.do');
  });

  it('declares incidents as the tickets: status table over the base states, Canceled as closed, the fields a mapping may fill', () => {
    expect(described.ticket).toMatchObject({
      noun: 'incident',
      stream: 'incidents',
      statuses: { New: 'open', 'In Progress': 'in_progress', 'On Hold': 'on_hold', Resolved: 'resolved', Closed: 'closed', Canceled: 'closed' },
    });
    expect(Object.keys(described.ticket!.fields)).toEqual(expect.arrayContaining(['assignment_group', 'assigned_to', 'cmdb_ci', 'category', 'impact', 'urgency']));
  });
});
