import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInConnectors, staticKeyProvider } from '@patchbay/engine';
import { MemorySource, memoryConnector } from '@patchbay/engine/testing';
import { AutoAdvanceClock, leaseContractProxy, type ContractLease } from '@patchbay/conformance';
import { testDatabaseKinds } from '@patchbay/store/testing';
import type { Role } from '@patchbay/types';
import { createTestHub, type TestHub } from '../../server/src/testing/test-hub.ts';
import { SPEC as JIRA_SPEC, startJiraSimulator, type JiraSimulator } from '../../../connectors/jira/simulator/index.ts';
import { EVENTS_SPEC as PD_EVENTS_SPEC, SPEC as PD_REST_SPEC, startPagerDutySimulator, type PagerDutySimulator } from '../../../connectors/pagerduty/simulator/index.ts';
import { contractSpecPath as serviceNowSpec, startServiceNowSimulator, type ServiceNowSimulator } from '../../../connectors/servicenow/simulator/index.ts';

// One database kind is enough here (the ticket engine's own tests run both): PostgreSQL when there is one.
const kind = testDatabaseKinds().includes('postgres') ? 'postgres' : 'pglite';
const MINUTE = 60_000;

/**
 * The ticket flow end to end with the built-in ITSM connectors and their stateful simulators behind Prism
 * (every request they send is checked against the vendor's API description): a finding arrives, a rule
 * opens a ticket with mapped fields and a calculated priority, the ITSM moves it on (a signed Jira webhook;
 * ServiceNow by polling), and the ticket, its finding and its SLA clock follow.
 */
describe(`tickets end to end through the API on ${kind}`, () => {
  let hub: TestHub;
  const clock = new AutoAdvanceClock(new Date('2026-06-01T08:00:00Z'));
  const source = new MemorySource();
  let sourceId: string;
  let policyId: string;

  const call = async (role: Role, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await hub.app.inject({ method, url, headers: hub.auth(role), payload: payload as object | undefined });
    if (res.statusCode >= 400) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const install = async (name: string, connectorId: string, configuration: unknown, vault: { authType: string; credentials: unknown }) => {
    const credential = await call('admin', 'POST', '/api/integration/auth-configs', { name, auth_type: vault.authType, credentials: vault.credentials });
    return (await call('admin', 'POST', '/api/integration/instances', { name, connector_id: connectorId, configuration, allow_private_network: true, auth_config_id: credential.id })).id as string;
  };
  /** A finding arrives: the memory source's next sync stores it (record.created, finding.created). */
  const finding = async (id: string, title: string, severity: number) => {
    source.items.push({ id, title, severity, updated: clock.now().getTime() });
    await call('editor', 'POST', `/api/integration/instances/${sourceId}/sync`, {});
    await hub.engine.sync.idle();
  };
  const ticketFor = async (title: string, instanceId: string) => ((await call('viewer', 'GET', `/api/tickets?limit=100&instance_id=${instanceId}`)).items as { title: string; id: string }[]).find((t) => t.title.startsWith(title))!;
  const outbox = (type: string) => hub.db.database.query<{ data: Record<string, unknown>; occurred_at: Date }>('select data, occurred_at from outbox where type = $1 order by seq', [type]);

  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { clock, connectors: [...builtInConnectors, memoryConnector(source)], vault: { keys: staticKeyProvider({ active: randomBytes(32) }), allowInsecureHttp: true } });
    sourceId = (await call('admin', 'POST', '/api/integration/instances', { name: 'scanner', connector_id: 'memory-source' })).id;
    policyId = (await call('admin', 'POST', '/api/integration/sla-policies', { name: 'security', targets: { '1': 240, '2': 1440, '3': 4320 } })).id;
    await hub.engine.tickets.runOnce(); // the ticket engine's cursor starts at the end of the outbox
  }, 60_000);
  afterAll(async () => hub.close());

  describe('Jira: webhook status sync', () => {
    let jira: JiraSimulator;
    let lease: ContractLease;
    let jiraId: string;

    beforeAll(async () => {
      jira = await startJiraSimulator({ pageSize: 50, clock });
      lease = await leaseContractProxy(JIRA_SPEC, jira.baseUrl);
      jiraId = await install('jira', 'jira', { ...jira.configuration, base_url: lease.url, site_url: jira.baseUrl }, jira.vaultCredentials!);
      const inbound = await call('admin', 'POST', `/api/integration/instances/${jiraId}/webhook-secret/rotate`, {});
      jira.registerWebhook({
        url: `/api/integration/webhook/${inbound.key}`,
        secret: inbound.secret,
        transport: async ({ url, headers, body }) => (await hub.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json' }, payload: body })).statusCode,
      });
      await call('admin', 'POST', '/api/integration/ticket-rules', {
        name: 'high findings to Jira',
        instance_id: jiraId,
        source_instance_id: sourceId,
        filter_criteria: { severity_at_least: 4 },
        field_mapping: { customfield_10042: '=record.severity_id * 10', customfield_10043: '=record.finding_info.uid' },
        sla_policy_id: policyId,
      });
    }, 120_000);
    afterAll(async () => {
      lease.release();
      await jira.close();
    });

    it('opens a Jira issue with mapped fields and the calculated priority, and nothing for a finding the rule does not select', async () => {
      await finding('det-1', 'Ransomware behaviour on web-01', 9);
      await finding('det-2', 'Port scan', 2);
      await hub.engine.tickets.drain();
      const ticket = await ticketFor('Ransomware', jiraId);
      const detail = await call('viewer', 'GET', `/api/tickets/${ticket.id}`);
      expect(detail).toMatchObject({ status: 'open', priority: 3, vendor_key: expect.stringMatching(/^SEC-\d+$/), vendor_url: `${jira.baseUrl}/browse/${detail.vendor_key}`, sla: { state: 'running' } });
      expect(new Date(detail.sla.due_at).getTime() - new Date(detail.opened_at).getTime()).toBe(4320 * MINUTE);
      expect(detail.findings.map((f: { external_id: string }) => f.external_id)).toEqual(['det-1']);
      const issue = jira.issue(detail.vendor_key)! as { fields: Record<string, unknown> };
      expect(issue.fields).toMatchObject({ summary: 'Ransomware behaviour on web-01', priority: expect.objectContaining({ name: 'Medium' }), customfield_10042: 40, customfield_10043: 'det-1' });
      expect(issue.fields.labels).toEqual(expect.arrayContaining([expect.stringMatching(/^patchbay-pb-/)]));
      expect((await call('viewer', 'GET', `/api/tickets?limit=100&instance_id=${jiraId}`)).items).toHaveLength(1);
      expect(lease.violations()).toEqual([]);
    });

    it('follows a signed Jira webhook to Done: the ticket resolves, its finding records it, and the SLA clock stops', async () => {
      const ticket = await ticketFor('Ransomware', jiraId);
      const key = (await call('viewer', 'GET', `/api/tickets/${ticket.id}`)).vendor_key as string;
      clock.advance(90 * MINUTE);
      const deliveries = await jira.transition(key, 'Done');
      expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 202));
      while ((await hub.engine.events.inbound.processOnce()) > 0);
      await hub.engine.tickets.drain();
      const detail = await call('viewer', 'GET', `/api/tickets/${ticket.id}`);
      expect(detail).toMatchObject({ status: 'resolved', vendor_status: 'Done', sla: { state: 'met', stopped_at: clock.now().toISOString() } });
      expect(detail.findings[0].ticket_resolved_at).toBe(clock.now().toISOString());
      expect((await outbox('ticket.status_changed')).at(-1)!.data).toMatchObject({ ticket_id: ticket.id, from: 'open', to: 'resolved', sla_state: 'met' });
      expect(lease.violations()).toEqual([]);
    });

    it('fires the breach at the injected due time, not a minute before', async () => {
      await finding('det-3', 'Credential dumping on db-01', 9);
      await hub.engine.tickets.drain();
      const ticket = await call('viewer', 'GET', `/api/tickets/${(await ticketFor('Credential dumping', jiraId)).id}`);
      const due = new Date(ticket.sla.due_at).getTime();
      clock.advance(due - clock.now().getTime() - MINUTE);
      await hub.engine.tickets.checkSla();
      expect((await call('viewer', 'GET', `/api/tickets/${ticket.id}`)).sla.state).toBe('near_breach');
      expect((await outbox('ticket.sla_breached')).length).toBe(0);
      clock.advance(MINUTE);
      await hub.engine.tickets.checkSla();
      expect((await call('viewer', 'GET', `/api/tickets?sla_state=breached`)).items.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
      const [breach] = await outbox('ticket.sla_breached');
      expect(breach!.data).toMatchObject({ ticket_id: ticket.id, due_at: ticket.sla.due_at });
      expect(breach!.occurred_at.getTime()).toBe(due);
    });
  });

  describe('ServiceNow: status sync by polling', () => {
    let snow: ServiceNowSimulator;
    let lease: ContractLease;
    let snowId: string;

    beforeAll(async () => {
      snow = await startServiceNowSimulator({ pageSize: 50, clock });
      lease = await leaseContractProxy(serviceNowSpec(), snow.baseUrl);
      snowId = await install('servicenow', 'servicenow', { ...snow.configuration, base_url: lease.url }, snow.vaultCredentials!);
      await call('admin', 'POST', '/api/integration/ticket-rules', {
        name: 'high findings to ServiceNow',
        instance_id: snowId,
        source_instance_id: sourceId,
        filter_criteria: { severity_at_least: 4, predicate: "$contains(data.record.finding_info.title, 'lateral')" },
        field_mapping: { assignment_group: 'Security Operations', category: 'security' },
        sla_policy_id: policyId,
      });
    }, 120_000);
    afterAll(async () => {
      lease.release();
      await snow.close();
    });

    it('opens an incident, then follows the agent resolving it through the next poll of the incidents stream', async () => {
      await finding('det-10', 'Possible lateral movement from hr-07', 9);
      await hub.engine.tickets.drain();
      const ticket = await call('viewer', 'GET', `/api/tickets/${(await ticketFor('Possible lateral', snowId)).id}`);
      expect(ticket).toMatchObject({ status: 'open', priority: 3, vendor_key: expect.any(String), sla: { state: 'running' } });
      const incident = snow.incident(ticket.vendor_key)!;
      expect(incident).toMatchObject({ short_description: { value: 'Possible lateral movement from hr-07' }, assignment_group: expect.anything(), category: { value: 'security' } });
      clock.advance(30 * MINUTE);
      snow.setIncidentState(ticket.vendor_key, 6);
      clock.advance(5_000); // the incidents stream reads whole seconds that are over
      const runs = await call('editor', 'POST', `/api/integration/instances/${snowId}/sync`, { stream: 'incidents' });
      expect(runs).toBeDefined();
      await hub.engine.sync.idle();
      await hub.engine.tickets.drain();
      const after = await call('viewer', 'GET', `/api/tickets/${ticket.id}`);
      expect(after).toMatchObject({ status: 'resolved', sla: { state: 'met' } });
      expect(after.findings[0].ticket_resolved_at).not.toBeNull();
      expect(lease.violations()).toEqual([]);
    });
  });

  describe('PagerDuty: dedup keys', () => {
    let pd: PagerDutySimulator;
    let leases: ContractLease[];
    let pdId: string;

    beforeAll(async () => {
      pd = await startPagerDutySimulator({ pageSize: 50, clock });
      const rest = await leaseContractProxy(PD_REST_SPEC, pd.baseUrl);
      const events = await leaseContractProxy(PD_EVENTS_SPEC, pd.baseUrl);
      leases = [rest, events];
      pdId = await install('pagerduty', 'pagerduty', { ...pd.configuration, base_url: rest.url, events_base_url: events.url }, pd.vaultCredentials!);
      await call('admin', 'POST', '/api/integration/ticket-rules', { name: 'outages to PagerDuty', instance_id: pdId, source_instance_id: sourceId, filter_criteria: { predicate: "$contains(data.record.finding_info.title, 'outage')" }, sla_policy_id: policyId });
    }, 120_000);
    afterAll(async () => {
      for (const lease of leases) lease.release();
      await pd.close();
    });

    it('keeps one incident per finding: through updates of the finding, and a create made again after a crash', async () => {
      await finding('det-20', 'Payment API outage', 9);
      await hub.engine.tickets.drain();
      const ticket = await call('viewer', 'GET', `/api/tickets/${(await ticketFor('Payment API outage', pdId)).id}`);
      expect(ticket).toMatchObject({ status: 'open', vendor_key: expect.any(String) });
      const incidentKey = (pd.incident(ticket.vendor_key) as { incident_key: string }).incident_key;
      expect(pd.incidentsByDedupKey(incidentKey)).toHaveLength(1);

      // The finding changes twice at its source: record.updated, no new ticket, no new incident.
      for (const title of ['Payment API outage (EU)', 'Payment API outage (EU, US)']) {
        clock.advance(MINUTE);
        Object.assign(source.items.find((i) => i.id === 'det-20')!, { title, updated: clock.now().getTime() });
        await call('editor', 'POST', `/api/integration/instances/${sourceId}/sync`, {});
        await hub.engine.sync.idle();
        await hub.engine.tickets.drain();
      }
      // A crash after PagerDuty took the trigger but before the hub recorded it: the create runs again.
      await hub.db.database.query("update ticket_operations set status = 'pending', next_attempt_at = now() - interval '1 day' where ticket_id = $1 and kind = 'create'", [ticket.id]);
      await hub.engine.tickets.drain();
      expect((await call('viewer', 'GET', `/api/tickets?instance_id=${pdId}`)).items).toHaveLength(1);
      expect(pd.incidentsByDedupKey(incidentKey)).toHaveLength(1);
      expect((await call('viewer', 'GET', `/api/tickets/${ticket.id}`)).vendor_key).toBe(ticket.vendor_key);

      // A responder resolves it; the next poll of the incidents stream brings the ticket along.
      clock.advance(MINUTE);
      await pd.resolve(ticket.vendor_key);
      clock.advance(5_000);
      await call('editor', 'POST', `/api/integration/instances/${pdId}/sync`, { stream: 'incidents' });
      await hub.engine.sync.idle();
      await hub.engine.tickets.drain();
      expect(await call('viewer', 'GET', `/api/tickets/${ticket.id}`)).toMatchObject({ status: 'resolved', vendor_status: 'resolved', sla: { state: 'met' } });
      for (const lease of leases) expect(lease.violations()).toEqual([]);
    });
  });
});
