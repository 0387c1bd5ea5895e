import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, planAction, runAction } from '@patchbay/conformance';
import connector from '../connector.ts';
import { startServiceNowSimulator, type ServiceNowSimulator } from '../simulator/index.ts';

describe('servicenow ticket actions against the simulator', () => {
  let sim: ServiceNowSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function start() {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startServiceNowSimulator({ pageSize: 10, clock });
    sim.seed('configuration-items', { count: 3 });
    sim.seed('incidents', { count: 6 });
    return { call: { connector, simulator: sim, clock }, sim };
  }
  const byNumber = (s: ServiceNowSimulator, state: string) => s.store.list('incident').find((r) => r.state === state)!;

  it('declares ticket actions: low impact, the itil role, resolve and reopen as each other\'s reverse', () => {
    const actions = Object.fromEntries(connector.actions!.map((a) => [a.name, a]));
    for (const name of ['create-ticket', 'add-comment', 'resolve-ticket', 'reopen-ticket', 'get-ticket']) expect(actions[name]).toMatchObject({ category: 'ticket', impact: 'low', permissions: ['itil'] });
    expect(actions['resolve-ticket']).toMatchObject({ reverse: 'reopen-ticket', readOnly: false });
    expect(actions['reopen-ticket']).toMatchObject({ reverse: 'resolve-ticket', readOnly: false });
    expect(actions['get-ticket']).toMatchObject({ readOnly: true });
    expect(actions['create-ticket']!.reverse).toBeUndefined();
  });

  it('create-ticket opens an incident once per dedup key', async () => {
    const { call, sim } = await start();
    const first = (await runAction(call, 'create-ticket', { dedup_key: 'finding:42', title: 'Open SMB share on lnx-0001', priority: 1 })) as Record<string, unknown>;
    expect(first).toMatchObject({ number: 'INC0010007', status: 'New', changed: true, url: expect.stringContaining('/nav_to.do?uri=incident.do') });
    expect(sim.store.rows.get(first.sys_id as string)).toMatchObject({ priority: '1', correlation_id: 'finding:42' });
    expect(await runAction(call, 'create-ticket', { dedup_key: 'finding:42', title: 'again' })).toMatchObject({ sys_id: first.sys_id, changed: false });
    expect(sim.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('add-comment adds a work note (or an additional comment) to an incident named by number', async () => {
    const { call, sim } = await start();
    const open = byNumber(sim, '2');
    await runAction(call, 'add-comment', { incident: open.number, comment: 'Patch scheduled for Friday.' });
    await runAction(call, 'add-comment', { incident: open.sys_id, comment: 'Tell the caller.', field: 'comments' });
    expect(sim.store.journals.get(open.sys_id!)!.map((e) => [e.field, e.text])).toEqual([['work_notes', 'Patch scheduled for Friday.'], ['comments', 'Tell the caller.']]);
  });

  it('resolve-ticket and reopen-ticket undo each other; running either twice changes nothing the second time', async () => {
    const { call, sim } = await start();
    const open = byNumber(sim, '1');
    expect(await runAction(call, 'resolve-ticket', { incident: open.number, close_code: 'Workaround provided', close_notes: 'Port closed at the firewall.' })).toMatchObject({ status: 'Resolved', changed: true });
    expect(sim.store.rows.get(open.sys_id!)).toMatchObject({ state: '6', close_code: 'Workaround provided', close_notes: 'Port closed at the firewall.' });
    expect(await runAction(call, 'resolve-ticket', { incident: open.number })).toMatchObject({ status: 'Resolved', changed: false });
    expect(await runAction(call, 'reopen-ticket', { incident: open.number, comment: 'Scanner still sees it.' })).toMatchObject({ status: 'New', changed: true });
    expect(sim.store.rows.get(open.sys_id!)).toMatchObject({ state: '1', reopen_count: '1' });
    expect(await runAction(call, 'reopen-ticket', { incident: open.number })).toMatchObject({ status: 'New', changed: false });
    expect(sim.store.journals.get(open.sys_id!)!.map((e) => e.text)).toEqual(['Scanner still sees it.']);
  });

  it('leaves closed incidents alone: resolving one changes nothing, reopening or commenting is INVALID_STATE_TRANSITION with nothing sent', async () => {
    const { call, sim } = await start();
    const closed = byNumber(sim, '7');
    expect(await runAction(call, 'resolve-ticket', { incident: closed.number })).toMatchObject({ status: 'Closed', changed: false });
    await expect(runAction(call, 'reopen-ticket', { incident: closed.number })).rejects.toMatchObject({ code: 'INVALID_STATE_TRANSITION' });
    await expect(runAction(call, 'add-comment', { incident: closed.number, comment: 'x' })).rejects.toMatchObject({ code: 'INVALID_STATE_TRANSITION' });
    expect(sim.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  it('get-ticket reads by number; unknown numbers are NOT_FOUND, malformed references refused before a request, a user without itil VENDOR_PERMISSION_DENIED', async () => {
    const { call, sim } = await start();
    const open = byNumber(sim, '2');
    expect(await runAction(call, 'get-ticket', { incident: open.number })).toMatchObject({ sys_id: open.sys_id, status: 'In Progress', priority: expect.stringMatching(/^\d - /), updated_at: open.sys_updated_on });
    await expect(runAction(call, 'get-ticket', { incident: 'INC9999999' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const before = sim.requests.length;
    await expect(runAction(call, 'get-ticket', { incident: 'not an incident' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(sim.requests.length).toBe(before);
    sim.grant('patchbay.integration', ['cmdb_read']);
    await expect(runAction(call, 'get-ticket', { incident: open.number })).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED', details: { permission: 'itil' } });
  });

  it('plans without sending anything', async () => {
    const { call, sim } = await start();
    const before = sim.requests.length;
    const planned = await planAction(call, 'create-ticket', { dedup_key: 'finding:7', title: 'T', priority: 4, labels: ['prod'] });
    expect(planned).toMatchObject([
      { method: 'GET', url: '/api/now/table/incident', query: { sysparm_query: 'correlation_id=finding:7^ORDERBYsys_created_on' } },
      { method: 'POST', url: '/api/now/table/incident', retry: false, body: { short_description: 'T', impact: '2', urgency: '3', correlation_id: 'finding:7', description: '\n\nLabels: prod' } },
    ]);
    expect(await planAction(call, 'resolve-ticket', { incident: 'INC0010001' })).toMatchObject([
      { method: 'GET', query: { sysparm_query: 'number=INC0010001^ORDERBYsys_created_on' } },
      { method: 'PATCH', url: '/api/now/table/incident/{sys_id of INC0010001}', body: { state: '6', close_code: 'Solution provided' } },
    ]);
    expect(sim.requests.length).toBe(before);
  });
});
