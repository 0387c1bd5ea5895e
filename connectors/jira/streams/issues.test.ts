import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, connectorContext } from '@patchbay/conformance';
import connector from '../connector.ts';
import { browseUrl, jiraConfig } from '../config.ts';
import type { JiraIssue } from '../jira-api/issue-types.ts';
import { startJiraSimulator, type JiraSimulator } from '../simulator/index.ts';
import { siteCredential } from '../testing/ticket-bed.ts';
import { issues } from './issues.ts';

type Page = { records: readonly JiraIssue[]; checkpoint: { cursor: { cursor: string; seen: [string, string][] } } };
const fetchAll = async (ctx: unknown, state?: Page['checkpoint']) => {
  const pages: Page[] = [];
  for await (const page of (issues.fetch as (c: unknown, s: unknown) => AsyncIterable<Page>)(ctx, state)) pages.push(page);
  return pages;
};

describe('the issues stream against the simulated site', () => {
  let sim: JiraSimulator | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await sim?.close();
    sim = undefined;
  });

  async function start(timeZone?: string, config: Record<string, unknown> = {}) {
    const clock = new AutoAdvanceClock('2026-05-01T12:00:00Z');
    sim = await startJiraSimulator({ pageSize: 4, clock, ...(timeZone ? { timeZone } : {}) });
    const ctx = connectorContext({ connector, configuration: { ...sim.configuration, ...config }, clock, auth: siteCredential });
    close = () => ctx.close();
    return { sim, ctx, clock };
  }

  it('asks for updated since the start (30 days back) in the account\'s time zone, then resumes from the cursor minus the overlap', async () => {
    const { sim, ctx, clock } = await start('America/Los_Angeles');
    sim.seed('issues', { count: 6 });
    const first = await fetchAll(ctx);
    expect(first.flatMap((p) => p.records.map((r) => r.key))).toEqual(['SEC-1', 'SEC-2', 'SEC-3', 'SEC-4', 'SEC-5', 'SEC-6']);
    // 30 days and 5 minutes before 12:00 UTC, on Los Angeles' wall clock (UTC-7).
    expect(sim.searches[0]).toBe('(project = SEC) AND updated >= "2026-04-01 04:55" ORDER BY updated ASC, key ASC');
    clock.advance(10 * 60_000);
    sim.mutate!('issues', { update: 1 });
    const second = await fetchAll(ctx, first.at(-1)!.checkpoint);
    expect(second.flatMap((p) => p.records.map((r) => `${r.key} ${r.fields.summary}`))).toEqual(['SEC-1 Critical vulnerability on host-001 (updated)']);
    // The cursor was the end of the first run (12:00 UTC = 05:00 in Los Angeles), less the 5-minute overlap.
    expect(sim.searches.at(-1)).toBe('(project = SEC) AND updated >= "2026-05-01 04:55" ORDER BY updated ASC, key ASC');
  });

  it('reads an account without a time zone Intl knows in UTC', async () => {
    const { sim, ctx } = await start('Not/AZone');
    await fetchAll(ctx);
    expect(sim.searches[0]).toContain('updated >= "2026-04-01 11:55"');
  });

  it('turns a JQL Jira refuses into CONFIG_INVALID naming the jql setting and Jira\'s reason', async () => {
    const { ctx } = await start(undefined, { jql: 'projcet = SEC' });
    await expect(fetchAll(ctx)).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'jql', message: expect.stringContaining("Field 'projcet' does not exist") });
  });

  it('test connection names the account, its time zone and whether the JQL finds issues', async () => {
    const { sim, ctx } = await start('Europe/Berlin');
    sim.seed('issues', { count: 1 });
    await expect(connector.validate!(ctx as never)).resolves.toEqual({ ok: true, details: { site: sim.baseUrl, account: 'Patchbay Integration', account_id: sim.site.me.accountId, time_zone: 'Europe/Berlin', jql: 'project = SEC', issues_visible: true } });
  });
});

describe('the configuration', () => {
  it('has defaults for a site, and refuses ORDER BY in the JQL and statuses outside Patchbay\'s', () => {
    expect(jiraConfig.parse({ base_url: 'https://acme.atlassian.net' })).toMatchObject({ jql: 'project = SEC', search_api: 'jql', project_key: 'SEC', issue_type: 'Task', priorities: { '1': 'Highest', '5': 'Lowest' }, dedup_label_prefix: 'patchbay-', overlap_minutes: 5 });
    expect(() => jiraConfig.parse({ base_url: 'https://acme.atlassian.net', jql: 'project = SEC ORDER BY created' })).toThrow(/ORDER BY/);
    expect(() => jiraConfig.parse({ base_url: 'https://acme.atlassian.net', statuses: { Triage: 'pending' } })).toThrow();
  });

  it('links issues on the site: the base URL with an API token, site_url through the OAuth gateway (none without it)', () => {
    expect(browseUrl(jiraConfig.parse({ base_url: 'https://acme.atlassian.net/' }), 'SEC-1')).toBe('https://acme.atlassian.net/browse/SEC-1');
    expect(browseUrl(jiraConfig.parse({ base_url: 'https://api.atlassian.com/ex/jira/3f6c1e2a' }), 'SEC-1')).toBeUndefined();
    expect(browseUrl(jiraConfig.parse({ base_url: 'https://api.atlassian.com/ex/jira/3f6c1e2a', site_url: 'https://acme.atlassian.net' }), 'SEC-1')).toBe('https://acme.atlassian.net/browse/SEC-1');
  });
});
