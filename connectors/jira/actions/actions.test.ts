import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, planAction, runAction } from '@patchbay/conformance';
import connector from '../connector.ts';
import { startJiraSimulator, type JiraSimulator, type JiraSimulatorOptions } from '../simulator/index.ts';

describe('jira ticket actions against the simulator', () => {
  let sim: JiraSimulator | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function start(options: Partial<JiraSimulatorOptions> = {}) {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startJiraSimulator({ pageSize: 10, clock, ...options });
    return { call: { connector, simulator: sim, clock }, sim };
  }

  it('declares ticket actions of low impact, with permissions, resolve and reopen reversing each other', () => {
    const byName = Object.fromEntries((connector.actions ?? []).map((a) => [a.name, a]));
    expect(Object.keys(byName)).toEqual(['create-ticket', 'get-ticket', 'add-comment', 'resolve-ticket', 'reopen-ticket']);
    for (const action of connector.actions ?? []) expect(action).toMatchObject({ category: 'ticket', impact: 'low', permissions: expect.arrayContaining([expect.any(String)]) });
    expect(byName['resolve-ticket']).toMatchObject({ reverse: 'reopen-ticket', readOnly: false });
    expect(byName['reopen-ticket']).toMatchObject({ reverse: 'resolve-ticket', readOnly: false });
    expect(byName['get-ticket']).toMatchObject({ readOnly: true });
  });

  it('create-ticket opens an issue once per dedup key and says whether it created it', async () => {
    const { call, sim } = await start();
    const input = { dedup_key: 'finding-17', title: 'Patch web-01', description: 'Apply the fix.', priority: 2, labels: ['security'], fields: { customfield_10042: 8 } };
    await expect(runAction(call, 'create-ticket', input)).resolves.toEqual({ key: 'SEC-1', url: `${sim.baseUrl}/browse/SEC-1`, status: 'To Do', created: true });
    await expect(runAction(call, 'create-ticket', input)).resolves.toMatchObject({ key: 'SEC-1', created: false });
    expect(sim.issue('SEC-1')).toMatchObject({ fields: { priority: { name: 'High' }, labels: ['security', 'patchbay-finding-17'], customfield_10042: 8 } });
  });

  it('create-ticket refuses input before calling Jira, and reports Jira\'s refusal', async () => {
    const { call, sim } = await start();
    await expect(runAction(call, 'create-ticket', { dedup_key: 'k', title: 'x', priority: 9 })).rejects.toThrow();
    await expect(runAction(call, 'create-ticket', { dedup_key: 'k', title: 'x', fields: { 'bad field': 1 } })).rejects.toThrow(/Jira field id/);
    expect(sim.requests).toEqual([]);
    await expect(runAction(call, 'create-ticket', { dedup_key: 'k', title: 'x', fields: { customfield_77777: 'x' } })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', field: 'customfield_77777' });
  });

  it('get-ticket reads status and fields; an unknown key is NOT_FOUND', async () => {
    const { call, sim } = await start();
    sim.seed('issues', { count: 2 });
    await expect(runAction(call, 'get-ticket', { key: 'SEC-2' })).resolves.toMatchObject({ key: 'SEC-2', status: 'In Progress', fields: { priority: 'High', labels: ['security', 'production'], customfield_10043: 'host-002' } });
    await expect(runAction(call, 'get-ticket', { key: 'SEC-404' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runAction(call, 'get-ticket', { key: 'not a key' })).rejects.toThrow(/issue key/);
  });

  it('resolve-ticket and reopen-ticket move the issue through the workflow (idempotently), with a comment', async () => {
    const { call, sim } = await start();
    sim.seed('issues', { count: 1 });
    await expect(runAction(call, 'resolve-ticket', { key: 'SEC-1', comment: 'Patched.' })).resolves.toEqual({ key: 'SEC-1', url: `${sim.baseUrl}/browse/SEC-1`, status: 'Done', moved: true });
    await expect(runAction(call, 'resolve-ticket', { key: 'SEC-1' })).resolves.toMatchObject({ status: 'Done', moved: false });
    expect(sim.comments('SEC-1')).toEqual(['Patched.']);
    await expect(runAction(call, 'reopen-ticket', { key: 'SEC-1' })).resolves.toMatchObject({ status: 'To Do', moved: true });
  });

  it('add-comment adds it once and returns its id; an unknown issue is NOT_FOUND', async () => {
    const { call, sim } = await start();
    sim.seed('issues', { count: 1 });
    await expect(runAction(call, 'add-comment', { key: 'SEC-1', comment: 'Looking into it' })).resolves.toEqual({ key: 'SEC-1', comment_id: expect.stringMatching(/^\d+$/) });
    expect(sim.comments('SEC-1')).toEqual(['Looking into it']);
    await expect(runAction(call, 'add-comment', { key: 'SEC-9', comment: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a comment Jira rate limits is not sent again by the client (it would be added twice)', async () => {
    const { call, sim } = await start();
    sim.seed('issues', { count: 1 });
    sim.inject({ kind: 'rate-limit', retryAfterSeconds: 2 });
    await expect(runAction(call, 'add-comment', { key: 'SEC-1', comment: 'once' })).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    expect(sim.comments('SEC-1')).toEqual([]);
  });

  it('plans without sending: the dedup search and the create, or the reads and the transition', async () => {
    const { call, sim } = await start();
    const created = await planAction(call, 'create-ticket', { dedup_key: 'finding-17', title: 'Patch web-01', priority: 1 });
    expect(created.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /rest/api/3/search', 'POST /rest/api/3/issue']);
    expect(created[1]!.body).toMatchObject({ fields: { project: { key: 'SEC' }, issuetype: { name: 'Task' }, priority: { name: 'Highest' }, labels: ['patchbay-finding-17'] } });
    const resolved = await planAction(call, 'resolve-ticket', { key: 'SEC-1', comment: 'done' });
    expect(resolved.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /rest/api/3/issue/SEC-1', 'GET /rest/api/3/issue/SEC-1/transitions', 'POST /rest/api/3/issue/SEC-1/transitions', 'POST /rest/api/3/issue/SEC-1/comment']);
    expect(sim.requests).toEqual([]);
  });
});
