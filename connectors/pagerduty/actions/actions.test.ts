import { afterEach, describe, expect, it } from 'vitest';
import { planAction, runAction } from '@patchbay/conformance';
import connector from '../connector.ts';
import { testBed, tokenAuth, type TestBed } from '../testing/test-bed.ts';

describe('pagerduty ticket actions against the simulated account', () => {
  let bed: TestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  async function start() {
    bed = await testBed();
    const { sim, clock } = bed;
    const options = (config: Record<string, unknown> = {}, key?: string) => ({ connector, simulator: { configuration: { ...sim.configuration, ...config } }, clock, auth: tokenAuth(key) });
    return {
      sim,
      call: (name: string, input: unknown, config?: Record<string, unknown>, key?: string) => runAction(options(config, key), name, input),
      plan: (name: string, input: unknown) => planAction(options(), name, input),
    };
  }

  it('declares ticket actions of low impact, resolve ↔ reopen as reverses, and the permissions each needs', () => {
    const actions = Object.fromEntries((connector.actions ?? []).map((a) => [a.name, a]));
    expect(Object.keys(actions).sort()).toEqual(['acknowledge-incident', 'add-incident-note', 'create-incident', 'get-incident', 'reopen-incident', 'resolve-incident']);
    for (const action of Object.values(actions)) expect([action.category, action.impact]).toEqual(['ticket', 'low']);
    expect([actions['resolve-incident']!.reverse, actions['reopen-incident']!.reverse]).toEqual(['reopen-incident', 'resolve-incident']);
    expect([actions['get-incident']!.readOnly, actions['create-incident']!.readOnly]).toEqual([true, false]);
    expect(actions['add-incident-note']!.permissions).toEqual(['incidents.write']);
  });

  it('creates an incident once per dedup key, acknowledges, resolves and reopens it, and reads it by id or number', async () => {
    const { sim, call } = await start();
    const created = (await call('create-incident', { dedup_key: 'finding-42', title: 'SQL injection on shop-api', priority: 2, labels: ['production'] })) as { key: string; status: string };
    expect(created).toMatchObject({ status: 'triggered', url: expect.stringContaining(created.key), fields: { priority: 'P2' } });
    await expect(call('create-incident', { dedup_key: 'finding-42', title: 'SQL injection on shop-api' })).resolves.toMatchObject({ key: created.key });
    await expect(call('acknowledge-incident', { incident_id: created.key })).resolves.toMatchObject({ key: created.key, status: 'acknowledged' });
    await expect(call('resolve-incident', { incident_id: created.key })).resolves.toMatchObject({ status: 'resolved' });
    await expect(call('reopen-incident', { incident_id: created.key })).resolves.toMatchObject({ key: created.key, status: 'triggered' });
    expect(sim.events.received.map((e) => [e.event_action, e.dedup_key])).toEqual([['trigger', 'finding-42'], ['acknowledge', 'finding-42'], ['resolve', 'finding-42']]);
    const number = sim.incident(created.key)!.incident_number;
    await expect(call('get-incident', { incident_id: String(number) })).resolves.toMatchObject({ key: created.key, status: 'triggered' });
  });

  it('adds a note as the from_email user; a dry run plans the POST with its From header and sends nothing', async () => {
    const { sim, call, plan } = await start();
    await call('create-incident', { dedup_key: 'finding-7', title: 'Weak TLS on mail-01' });
    const [incident] = sim.incidentsByDedupKey('finding-7');
    const sent = sim.requests.length;
    expect(await plan('add-incident-note', { incident_id: incident!.id, content: 'Rotating the certificate.' })).toEqual([
      { method: 'POST', url: `/incidents/${incident!.id}/notes`, headers: { accept: 'application/vnd.pagerduty+json;version=2', 'content-type': 'application/json', from: 'patchbay@acme.example' }, body: { note: { content: 'Rotating the certificate.' } }, operation: 'add-incident-note', retry: false },
    ]);
    expect(sim.requests.length).toBe(sent);
    await expect(call('add-incident-note', { incident_id: incident!.id, content: 'Rotating the certificate.' })).resolves.toMatchObject({ incident_id: incident!.id, note_id: expect.any(String) });
    expect(sim.account.notes.get(incident!.id)!.map((n) => n.content)).toEqual(['Rotating the certificate.']);
  });

  it('plans the other writes without sending anything, and never with the routing key', async () => {
    const { sim, plan } = await start();
    const resolve = await plan('resolve-incident', { incident_id: 'Q0RIJJZL24RC6W', dedup_key: 'finding-7' });
    expect(resolve.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /incidents/Q0RIJJZL24RC6W', `GET /services/${sim.serviceId}`, `POST ${sim.baseUrl}/v2/enqueue`]);
    expect(resolve[2]!.body).toEqual({ routing_key: expect.stringContaining('read when the action runs'), event_action: 'resolve', dedup_key: 'finding-7' });
    const reopen = await plan('reopen-incident', { incident_id: 'Q0RIJJZL24RC6W' });
    expect(reopen[1]).toMatchObject({ method: 'PUT', url: '/incidents/Q0RIJJZL24RC6W', body: { incident: { type: 'incident_reference', status: 'triggered' } }, headers: { from: 'patchbay@acme.example' } });
    const create = await plan('create-incident', { dedup_key: 'finding-9', title: 'Open port', priority: 4, labels: ['pci'] });
    expect(create.map((r) => r.operation)).toEqual(['find-incident', 'list-priorities', 'get-service', 'trigger-event']);
    expect(create[3]!.body).toMatchObject({ event_action: 'trigger', dedup_key: 'finding-9', payload: { summary: 'Open port', severity: 'info', custom_details: { labels: ['pci'] } } });
    expect(JSON.stringify([resolve, reopen, create])).not.toContain(sim.routingKey);
    expect(sim.requests).toEqual([]);
  });

  it('reports PagerDuty\'s refusals: unknown incident (404), no From user, a read-only key (403), bad input before any call', async () => {
    const { sim, call } = await start();
    await expect(call('resolve-incident', { incident_id: 'QNOSUCHINCIDENT' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('add-incident-note', { incident_id: 'QNOSUCHINCIDENT', content: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await call('create-incident', { dedup_key: 'finding-8', title: 'Open port' });
    const [incident] = sim.incidentsByDedupKey('finding-8');
    await expect(call('add-incident-note', { incident_id: incident!.id, content: 'x' }, { from_email: undefined })).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'from_email' });
    sim.grantReadOnly('read-only');
    await expect(call('add-incident-note', { incident_id: incident!.id, content: 'x' }, {}, 'read-only')).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED', details: { status: 403 } });
    await expect(call('resolve-incident', { incident_id: incident!.id }, { service_id: undefined })).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'service_id' });
    expect(sim.account.notes.get(incident!.id)).toBeUndefined();
    expect(sim.incident(incident!.id)!.status).toBe('triggered');
    await expect(call('add-incident-note', { incident_id: incident!.id, content: '' })).rejects.toThrow(/content/);
    await expect(call('create-incident', { dedup_key: 'k', title: 't', priority: 7 })).rejects.toThrow(/priority/);
    await expect(call('get-incident', { incident_id: 'not an id' })).rejects.toThrow(/incident id/);
  });
});
