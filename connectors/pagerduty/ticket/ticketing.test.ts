import { describe, expect, it } from 'vitest';
import { credentialFields, describeConnector, ticketStatuses } from '@patchbay/sdk';
import connector from '../connector.ts';
import { pagerDutyConfig } from '../config.ts';
import { PAGERDUTY_STATUSES, STATUS_MOVES } from './statuses.ts';

describe('the pagerduty declaration', () => {
  it('is an itsm connector with the ticket capability on incidents, the incidents stream, actions and a webhook', () => {
    expect([connector.id, connector.category, connector.version]).toEqual(['pagerduty', 'itsm', '1.0.0']);
    expect(connector.capabilities).toEqual(expect.arrayContaining(['ingest', 'ticket', 'actions', 'webhook']));
    expect(connector.streams!.map((s) => [s.name, s.ocsf.classUid, s.fullRefresh, s.permissions])).toEqual([['incidents', 2005, false, ['incidents.read']]]);
    const described = describeConnector(connector);
    expect(described.ticket).toEqual({ noun: 'incident', stream: 'incidents', statuses: { triggered: 'open', acknowledged: 'in_progress', resolved: 'resolved' }, fields: expect.objectContaining({ source: expect.objectContaining({ type: 'string' }), custom_details: expect.objectContaining({ type: 'object' }), urgency: expect.objectContaining({ type: 'string' }) }) });
  });

  it('reads the vendor status back from a record\'s status_code, and maps every Patchbay status to a PagerDuty one', () => {
    const ticket = connector.ticket!;
    expect(ticket.statusOf({ status_code: 'acknowledged', status: 'In Progress' })).toBe('acknowledged');
    expect(ticket.statusOf({ status: 'In Progress' })).toBeNull();
    expect(Object.keys(STATUS_MOVES).sort()).toEqual([...ticketStatuses].sort());
    for (const status of ['open', 'in_progress', 'resolved'] as const) expect(PAGERDUTY_STATUSES[STATUS_MOVES[status]]).toBe(status);
    expect([STATUS_MOVES.on_hold, STATUS_MOVES.closed]).toEqual(['acknowledged', 'resolved']);
  });

  it('holds one secret credential (the REST API key, sent as Token token=...) and keeps the config free of secrets', () => {
    expect(connector.auth).toHaveLength(1);
    expect(credentialFields(connector.auth[0] as never).map((f) => [f.name, f.secret])).toEqual([['api_key', true]]);
    expect(connector.auth[0]).toMatchObject({ type: 'api_key', in: 'header', name: 'Authorization', format: 'Token token={api_key}' });
    const config = pagerDutyConfig.parse({});
    expect(config).toMatchObject({ base_url: 'https://api.pagerduty.com', events_base_url: 'https://events.pagerduty.com/v2', priority_names: { '1': 'P1', '5': 'P5' }, severities: { '1': 'critical', '4': 'info' }, incident_wait_seconds: 30 });
    expect(Object.keys(config).some((k) => /key|token|secret|password/.test(k) && k !== 'service_ids')).toBe(false);
    expect(connector.allowedHosts).toEqual(expect.arrayContaining(['api.pagerduty.com', 'events.pagerduty.com', 'api.eu.pagerduty.com', 'events.eu.pagerduty.com']));
    expect(() => pagerDutyConfig.parse({ service_id: 'not an id' })).toThrow();
  });
});
