import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock } from '@patchbay/conformance';
import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import connector from '../connector.ts';
import { mapIssue } from '../mappers/issue.ts';
import { meta } from '../mappers/test-support.ts';
import { handleIssueDelivery } from '../webhook/issue-webhook.ts';
import { verifiesAsDeclared } from '../testing/verify-delivery.ts';
import { startJiraSimulator, type JiraSimulator } from './index.ts';

describe('the simulated site, acting as a person in Jira', () => {
  let sim: JiraSimulator | undefined;
  let receiver: LocalServer | undefined;
  afterEach(async () => {
    await sim?.close();
    await receiver?.close();
    sim = undefined;
    receiver = undefined;
  });

  async function start() {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startJiraSimulator({ pageSize: 5, clock });
    sim.seed('issues', { count: 3 });
    receiver = await startLocalServer((_request, response) => void response.writeHead(202).end());
    return { sim, receiver, clock };
  }

  it('transition(key, status) moves the issue to the status by name and sets its resolution and updated time', async () => {
    const { sim, clock } = await start();
    clock.advance(60_000);
    expect(await sim.transition('SEC-1', 'Done')).toEqual([]);
    expect(sim.issue('SEC-1')).toMatchObject({ fields: { status: { name: 'Done', statusCategory: { key: 'done' } }, resolution: { name: 'Done' }, updated: '2026-05-01T00:01:00.000+0000', resolutiondate: '2026-05-01T00:01:00.000+0000' } });
    await sim.transition('sec-1', 'in progress');
    expect(sim.issue('SEC-1')).toMatchObject({ fields: { status: { name: 'In Progress' }, resolution: null, resolutiondate: null } });
    await expect(sim.transition('SEC-1', 'Shipped')).rejects.toThrow(/no status "Shipped"/);
    await expect(sim.transition('SEC-99', 'Done')).rejects.toThrow(/no issue SEC-99/);
  });

  it('delivers the signed jira:issue_updated to a registered webhook, which the declaration verifies and turns into the issue\'s record', async () => {
    const { sim, receiver } = await start();
    sim.registerWebhook({ url: `${receiver.url}/api/integration/webhook/key-1`, secret: 'generated-by-patchbay' });
    const [delivery] = await sim.transition('SEC-2', 'Done');
    expect(delivery).toMatchObject({ event: 'jira:issue_updated', key: 'SEC-2', status: 202, headers: { 'x-atlassian-webhook-identifier': expect.any(String), 'x-hub-signature': expect.stringMatching(/^sha256=[0-9a-f]{64}$/) } });
    const received = receiver.requests.at(-1)!;
    expect(received.url).toBe('/api/integration/webhook/key-1');
    expect(verifiesAsDeclared(received.headers, received.body, 'generated-by-patchbay')).toBe(true);
    const payload = JSON.parse(received.body) as { webhookEvent: string; changelog: { items: { field: string; fromString: string | null; toString: string | null }[] } };
    expect(payload.webhookEvent).toBe('jira:issue_updated');
    expect(payload.changelog.items[0]).toMatchObject({ field: 'status', fromString: 'In Progress', toString: 'Done' });
    const records = handleIssueDelivery(payload).records![0]!.records;
    expect(connector.ticket!.statusOf(mapIssue(records[0] as never, meta))).toBe('Done');
    // The delivery's issue is the issue as the API renders it: the stream's record and the webhook's agree.
    expect(records[0]).toEqual(sim.issue('SEC-2'));
  });

  it('delivers API changes (the connector\'s create and transition) in the background, only for the events registered, unsigned without a secret', async () => {
    const { sim, receiver } = await start();
    const seen: string[] = [];
    sim.registerWebhook({ url: receiver.url, events: ['jira:issue_created'], transport: async ({ body, headers }) => (seen.push(`${(JSON.parse(body) as { webhookEvent: string }).webhookEvent} ${headers['x-hub-signature'] ?? 'unsigned'}`), 204) });
    const auth = `Basic ${Buffer.from('patchbay@example.com:simulated-jira-api-token').toString('base64')}`;
    const created = await fetch(`${sim.baseUrl}/rest/api/3/issue`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ fields: { project: { key: 'SEC' }, issuetype: { name: 'Task' }, summary: 'From the API' } }) });
    expect(created.status).toBe(201);
    await sim.transition('SEC-1', 'Done');
    await sim.webhooksSettled();
    expect(seen).toEqual(['jira:issue_created unsigned']);
    expect(sim.webhookDeliveries.map((d) => `${d.event} ${d.key} ${d.status}`)).toEqual(['jira:issue_created SEC-4 204']);
  });

  it('comment(key, text) adds a person\'s comment, which moves the issue\'s updated time', async () => {
    const { sim, clock } = await start();
    clock.advance(120_000);
    await sim.comment('SEC-3', 'Can we close this?');
    expect(sim.comments('SEC-3')).toEqual(['Can we close this?']);
    expect(sim.issue('SEC-3')).toMatchObject({ fields: { updated: '2026-05-01T00:02:00.000+0000' } });
  });

  it('answers without credentials, and with an unknown cloud id on the gateway, as Jira does', async () => {
    const { sim } = await start();
    expect((await fetch(`${sim.baseUrl}/rest/api/3/myself`)).status).toBe(401);
    expect((await fetch(`${sim.baseUrl}/ex/jira/not-this-site/rest/api/3/myself`, { headers: { authorization: 'Bearer x' } })).status).toBe(404);
    const me = await fetch(`${sim.gatewayUrl}/rest/api/3/myself`, { headers: { authorization: 'Bearer x' } });
    expect(await me.json()).toMatchObject({ accountId: expect.any(String), timeZone: 'UTC' });
  });
});
