import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeContractProxies, connectorContext } from '@patchbay/conformance';
import { basicAuth, bearerAuth, type TicketDraft } from '@patchbay/sdk';
import { Secret } from '@patchbay/types';
import connector from '../connector.ts';
import { ticketBed, type TicketBed } from '../testing/ticket-bed.ts';

const ticket = connector.ticket!;
const draft = (overrides: Partial<TicketDraft> = {}): TicketDraft => ({
  dedupKey: 'rule-7:finding-91',
  title: 'Critical OpenSSL vulnerability on web-01',
  description: 'CVE-2026-1234 on web-01.\nUpgrade OpenSSL.\n\nFound by Patchbay.',
  priority: 1,
  fields: { customfield_10042: 9.1, customfield_10043: 'web-01' },
  labels: ['security', 'prod web'],
  ...overrides,
});

describe('jira ticket calls through Prism (the contract description)', () => {
  let bed: TicketBed | undefined;
  afterEach(async () => {
    // Any violation of the description fails the test that caused it.
    const violations = bed?.lease?.violations() ?? [];
    const exchanges = bed?.lease?.exchanges() ?? 0;
    await bed?.close();
    bed = undefined;
    expect(violations).toEqual([]);
    expect(exchanges).toBeGreaterThan(0);
  });
  afterAll(() => closeContractProxies(), 30_000);

  it('creates the issue: project and type from the instance, ADF description, priority through the table, labels with the dedup label, custom fields', async () => {
    bed = await ticketBed({ contract: true });
    const state = await ticket.create(bed.ctx, draft());
    expect(state).toMatchObject({ key: 'SEC-1', url: `${bed.sim.baseUrl}/browse/SEC-1`, status: 'To Do', fields: { priority: 'Highest', customfield_10042: 9.1, customfield_10043: 'web-01' } });
    const issue = bed.sim.issue('SEC-1') as { fields: Record<string, unknown> };
    expect(issue.fields).toMatchObject({
      summary: 'Critical OpenSSL vulnerability on web-01',
      issuetype: { name: 'Task' },
      project: { key: 'SEC' },
      priority: { name: 'Highest' },
      labels: ['security', 'prod_web', 'patchbay-rule-7:finding-91'],
      description: {
        type: 'doc',
        version: 1,
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'CVE-2026-1234 on web-01.' }, { type: 'hardBreak' }, { type: 'text', text: 'Upgrade OpenSSL.' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'Found by Patchbay.' }] },
        ],
      },
    });
    expect(bed.sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /rest/api/3/search', 'POST /rest/api/3/issue', 'GET /rest/api/3/issue/SEC-1']);
  });

  it('is idempotent on the dedup key: a second create finds the issue by its label; another key opens another issue', async () => {
    bed = await ticketBed({ contract: true });
    const first = await ticket.create(bed.ctx, draft());
    const again = await ticket.create(bed.ctx, draft({ title: 'changed title', priority: 5 }));
    expect(again.key).toBe(first.key);
    expect(bed.sim.requests.filter((r) => r.method === 'POST' && r.path === '/rest/api/3/issue')).toHaveLength(1);
    expect(bed.sim.searches.at(-1)).toBe('labels = "patchbay-rule-7:finding-91" ORDER BY created ASC');
    // A key with characters a label cannot hold is carried as a stable hash.
    const spaced = await ticket.create(bed.ctx, draft({ dedupKey: 'asset web-01 / rule 7' }));
    expect(spaced.key).toBe('SEC-2');
    expect(await ticket.create(bed.ctx, draft({ dedupKey: 'asset web-01 / rule 7' }))).toMatchObject({ key: 'SEC-2' });
    expect(spaced.fields!['labels']).toEqual(['security', 'prod_web', expect.stringMatching(/^patchbay-[0-9a-f]{40}$/)]);
  });

  it('maps every Patchbay priority through the instance\'s table (defaults: Highest..Lowest; overridable)', async () => {
    bed = await ticketBed({ contract: true, config: { priorities: { '1': 'High', '2': 'High', '3': 'Medium', '4': 'Low', '5': 'Low' } } });
    const names = [];
    for (const priority of [1, 3, 5] as const) names.push((await ticket.create(bed.ctx, draft({ dedupKey: `p${priority}`, priority }))).fields!['priority']);
    expect(names).toEqual(['High', 'Medium', 'Low']);
  });

  it('moves the issue through the workflow to a status meaning each Patchbay status, and not at all when it is there', async () => {
    bed = await ticketBed({ contract: true });
    const { key } = await ticket.create(bed.ctx, draft());
    const move = async (status: 'in_progress' | 'on_hold' | 'resolved' | 'open') => (await ticket.update(bed!.ctx, key, { dedupKey: 'rule-7:finding-91', status })).status;
    expect(await move('in_progress')).toBe('In Progress');
    expect(await move('on_hold')).toBe('Blocked');
    expect(await move('resolved')).toBe('Done');
    expect((bed.sim.issue(key) as { fields: { resolution: { name: string } } }).fields.resolution.name).toBe('Done');
    const sent = bed.sim.requests.filter((r) => r.path.endsWith('/transitions') && r.method === 'POST').length;
    expect(await move('resolved')).toBe('Done');
    expect(bed.sim.requests.filter((r) => r.path.endsWith('/transitions') && r.method === 'POST')).toHaveLength(sent);
    expect(await move('open')).toBe('To Do');
    expect(bed.sim.issue(key)).toMatchObject({ fields: { resolution: null } });
  });

  it('changes the priority through the table, with the fields in one edit', async () => {
    bed = await ticketBed({ contract: true });
    const { key } = await ticket.create(bed.ctx, draft({ priority: 4 }));
    const state = await ticket.update(bed.ctx, key, { dedupKey: 'k', priority: 2, fields: { customfield_10043: 'web-02' } });
    expect(state.fields).toMatchObject({ priority: 'High', customfield_10043: 'web-02' });
    expect(bed.sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('uses the instance\'s statuses setting for its workflow\'s names', async () => {
    bed = await ticketBed({ contract: true, config: { statuses: { 'In Review': 'on_hold', Blocked: 'in_progress' } } });
    const { key } = await ticket.create(bed.ctx, draft());
    expect((await ticket.update(bed.ctx, key, { dedupKey: 'k', status: 'on_hold' })).status).toBe('In Review');
  });

  it('sets a resolution when the transition screen requires one', async () => {
    bed = await ticketBed({ contract: true, sim: { resolutionScreen: true } });
    const { key } = await ticket.create(bed.ctx, draft());
    expect((await ticket.update(bed.ctx, key, { dedupKey: 'k', status: 'closed' })).status).toBe('Done');
    expect(bed.sim.issue(key)).toMatchObject({ fields: { resolution: { name: 'Done' } } });
  });

  it('applies fields, then the status, then the comment (ADF), and reads the issue back', async () => {
    bed = await ticketBed({ contract: true });
    const { key } = await ticket.create(bed.ctx, draft());
    const state = await ticket.update(bed.ctx, key, { dedupKey: 'k', fields: { customfield_10042: 3.5, duedate: '2026-05-10' }, status: 'resolved', comment: 'Fixed by the patch run.\nVerified.' });
    expect(state).toMatchObject({ status: 'Done', fields: { customfield_10042: 3.5, duedate: '2026-05-10' } });
    expect(bed.sim.comments(key)).toEqual(['Fixed by the patch run.\nVerified.']);
    const order = bed.sim.requests.slice(3).map((r) => `${r.method} ${r.path.replace(`/rest/api/3/issue/${key}`, '')}`);
    expect(order).toEqual(['PUT ', 'GET ', 'GET /transitions', 'POST /transitions', 'POST /comment', 'GET ']);
  });

  it('answers Jira\'s refusals with coded errors: fields (400), an unknown issue (404), no Create issues permission (403), bad credentials (401)', async () => {
    bed = await ticketBed({ contract: true, config: { priorities: { '1': 'Urgent', '2': 'High', '3': 'Medium', '4': 'Low', '5': 'Lowest' } } });
    await expect(ticket.create(bed.ctx, draft())).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', field: 'priority', message: expect.stringContaining("Specify a valid 'id' or 'name' for Priority"), hint: expect.stringContaining('priorities setting') });
    await expect(ticket.create(bed.ctx, draft({ priority: 2, fields: { customfield_99999: 1 } }))).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', field: 'customfield_99999', hint: expect.stringContaining('field mapping') });
    await expect(ticket.create(bed.ctx, draft({ priority: 2, fields: { customfield_10042: 'high' } }))).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', field: 'customfield_10042', message: expect.stringContaining('must be a number') });
    await expect(ticket.get(bed.ctx, 'SEC-999')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'key', message: expect.stringContaining('SEC-999') });
    await expect(ticket.update(bed.ctx, 'SEC-999', { dedupKey: 'k', comment: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ticket.update(bed.ctx, 'SEC-999', { dedupKey: 'k', fields: { summary: 'x' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    bed.sim.denyCreate();
    await expect(ticket.create(bed.ctx, draft({ priority: 2 }))).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED' });
    expect(bed.sim.site.issues.size).toBe(0);
    const wrong = connectorContext({ connector, configuration: bed.sim.configuration, clock: bed.clock, connectionUrl: bed.lease!.url, auth: basicAuth({ username: 'patchbay@example.com', password: new Secret('revoked-token') }) });
    try {
      await expect(ticket.get(wrong as never, 'SEC-1')).rejects.toMatchObject({ code: 'VENDOR_AUTH_FAILED' });
    } finally {
      await wrong.close();
    }
  });
});

describe('jira ticket calls against the simulator (answers and settings outside the description)', () => {
  let bed: TicketBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('refuses a move the workflow does not offer, naming the offered transitions, and sends none', async () => {
    bed = await ticketBed({ sim: { workflow: { 'To Do': ['In Progress'], 'In Progress': ['To Do', 'Done'], Done: ['To Do'] } } });
    const { key } = await ticket.create(bed.ctx, draft());
    await expect(ticket.update(bed.ctx, key, { dedupKey: 'k', status: 'resolved' })).rejects.toMatchObject({ code: 'INVALID_STATE_TRANSITION', field: 'status', message: expect.stringContaining('offered: In Progress → In Progress') });
    expect(bed.sim.requests.some((r) => r.method === 'POST' && r.path.endsWith('/transitions'))).toBe(false);
    await ticket.update(bed.ctx, key, { dedupKey: 'k', status: 'in_progress' });
    expect((await ticket.update(bed.ctx, key, { dedupKey: 'k', status: 'resolved' })).status).toBe('Done');
  });

  it('does not repeat a create Jira rate limited (a retry could open a second issue): the next attempt creates it once', async () => {
    bed = await ticketBed();
    bed.sim.inject({ kind: 'rate-limit', retryAfterSeconds: 3 }, { afterRequests: 1 });
    await expect(ticket.create(bed.ctx, draft())).rejects.toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    expect(bed.sim.site.issues.size).toBe(0);
    expect((await ticket.create(bed.ctx, draft())).key).toBe('SEC-1');
    expect(bed.sim.site.issues.size).toBe(1);
  });

  it('waits out a rate limit on the reads (Retry-After) and carries on', async () => {
    bed = await ticketBed();
    const { key } = await ticket.create(bed.ctx, draft());
    bed.sim.inject({ kind: 'rate-limit', retryAfterSeconds: 9 });
    expect((await ticket.get(bed.ctx, key)).key).toBe(key);
    expect(bed.clock.waits.some((ms) => ms >= 9000)).toBe(true);
  });

  it('finds and opens tickets through /rest/api/3/search/jql too', async () => {
    bed = await ticketBed({ config: { search_api: 'jql' } });
    const first = await ticket.create(bed.ctx, draft());
    expect((await ticket.create(bed.ctx, draft())).key).toBe(first.key);
    expect(bed.sim.requests.filter((r) => r.path === '/rest/api/3/search/jql')).toHaveLength(2);
  });

  it('through the OAuth gateway (/ex/jira/{cloudId}) with a bearer token, linking to the site_url', async () => {
    bed = await ticketBed();
    const configuration = { ...bed.sim.configuration, base_url: bed.sim.gatewayUrl, site_url: 'https://acme.atlassian.net' };
    const ctx = connectorContext({ connector, configuration, clock: bed.clock, auth: bearerAuth({ token: new Secret('token-from-the-vault') }) });
    try {
      const state = await ticket.create(ctx as never, draft());
      expect(state.url).toBe('https://acme.atlassian.net/browse/SEC-1');
      expect(bed.sim.requests.map((r) => r.path)).toEqual([`/ex/jira/${bed.sim.cloudId}/rest/api/3/search`, `/ex/jira/${bed.sim.cloudId}/rest/api/3/issue`, `/ex/jira/${bed.sim.cloudId}/rest/api/3/issue/SEC-1`]);
    } finally {
      await ctx.close();
    }
  });
});
