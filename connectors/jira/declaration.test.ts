import { describe, expect, it } from 'vitest';
import { describeConnector, doneTicketStatuses, ticketStatusOf } from '@patchbay/sdk';
import connector from './connector.ts';
import { JIRA_STATUSES } from './mappers/status.ts';

describe('the jira declaration', () => {
  it('is a ticketing connector with the issues stream, ticket, webhook and ticket actions', () => {
    expect(connector).toMatchObject({ id: 'jira', category: 'ticketing', version: '1.0.0' });
    expect(connector.capabilities).toEqual(expect.arrayContaining(['ingest', 'actions', 'ticket', 'webhook']));
    expect((connector.streams ?? []).map((s) => [s.name, s.ocsf.classUid, s.primaryKey, s.fullRefresh])).toEqual([['issues', 2005, 'key', false]]);
    expect(connector.auth.map((a) => a.type)).toEqual(['basic', 'oauth2_authorization_code']);
    expect(connector.allowedHosts).toEqual(['*.atlassian.net', 'api.atlassian.com']);
  });

  it('declares tickets on the issues stream: the status table covers open and done, statusOf reads Jira\'s status name', () => {
    const described = describeConnector(connector).ticket;
    expect(described).toMatchObject({ noun: 'issue', stream: 'issues', statuses: JIRA_STATUSES });
    expect(Object.keys(described!.fields ?? {})).toEqual(['assignee', 'components', 'duedate', 'environment', 'fixVersions']);
    const targets = new Set(Object.values(JIRA_STATUSES));
    for (const needed of ['open', 'in_progress', 'on_hold', 'resolved', 'closed']) expect(targets.has(needed as never)).toBe(true);
    expect(doneTicketStatuses).toContain(ticketStatusOf(JIRA_STATUSES, 'Done').status);
    expect(connector.ticket!.statusOf({ status: 'In Review' })).toBe('In Review');
    expect(connector.ticket!.statusOf({ status_id: 1 })).toBeNull();
  });

  it('the OAuth method asks Atlassian\'s authorization server for the API audience, consent and a refresh token', () => {
    expect(connector.auth[1]).toMatchObject({
      authorizeUrl: 'https://auth.atlassian.com/authorize',
      tokenUrl: 'https://auth.atlassian.com/oauth/token',
      scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'offline_access'],
      authorizeParams: { audience: 'api.atlassian.com', prompt: 'consent' },
    });
  });
});
