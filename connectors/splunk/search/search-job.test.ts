import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, connectorContext } from '@patchbay/conformance';
import { bearerAuth, type AuthApplier, type ConnectorContext } from '@patchbay/sdk';
import { Secret } from '@patchbay/types';
import type { SplunkConfig } from '../config.ts';
import splunk from '../connector.ts';
import type { NotableEvent } from '../mappers/notable-event.ts';
import { startSplunkSimulator, type SplunkSimulatorHandle } from '../simulator/index.ts';
import { searchString, searchWindow } from './search-job.ts';

const token = bearerAuth({ token: new Secret('an-authentication-token') });

describe('search jobs on the REST API', () => {
  let sim: SplunkSimulatorHandle;
  let clock: AutoAdvanceClock;
  const closers: (() => Promise<void>)[] = [];

  beforeEach(async () => {
    clock = new AutoAdvanceClock('2026-05-01T12:00:00Z');
    sim = await startSplunkSimulator({ pageSize: 3, clock, searchDurationMs: 4_000 });
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await sim.close();
  });

  /** A context on the simulated REST API; `auth` null sends no credential. */
  function context(config: Record<string, unknown> = {}, auth: AuthApplier | null = token) {
    const ctx = connectorContext({ connector: splunk, configuration: { ...sim.configuration, ...config }, clock, ...(auth ? { auth } : {}) });
    closers.push(() => ctx.close());
    return ctx as unknown as ConnectorContext<SplunkConfig>;
  }

  const lastHour = () => ({ from: new Date(clock.now().getTime() - 3_600_000), to: clock.now() });

  async function readAll(ctx: ConnectorContext<SplunkConfig>, window = lastHour()) {
    const pages: (readonly NotableEvent[])[] = [];
    for await (const page of searchWindow<NotableEvent>(ctx, window)) pages.push(page);
    return pages;
  }

  it('starts a search with a generating command', () => {
    expect(searchString('`notable`')).toBe('search `notable`');
    expect(searchString('  search index=notable ')).toBe('search index=notable');
    expect(searchString('| inputlookup incident_review_lookup')).toBe('| inputlookup incident_review_lookup');
  });

  it('creates a job over the window, polls it until DONE on the clock, pages its results and deletes it', async () => {
    sim.seed('notable-events', { count: 7 });
    const window = lastHour();
    const started = clock.now().getTime();
    const pages = await readAll(context(), window);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat().map((n) => n.event_id).sort()).toEqual(sim.records('notable-events').map((n) => (n as NotableEvent).event_id).sort());
    expect(clock.now().getTime() - started).toBeGreaterThanOrEqual(4_000);
    const [create, ...rest] = sim.requests;
    expect(create).toMatchObject({
      method: 'POST',
      path: '/services/search/jobs',
      status: 201,
      query: { search: 'search `notable`', earliest_time: (window.from.getTime() / 1000).toFixed(3), latest_time: ((window.to.getTime() + 1) / 1000).toFixed(3), output_mode: 'json', exec_mode: 'normal' },
    });
    const sid = rest[0]!.path.split('/').at(-1)!;
    expect(rest.filter((r) => r.path === `/services/search/jobs/${sid}`).length).toBeGreaterThanOrEqual(3);
    expect(rest.filter((r) => r.path.endsWith('/results')).map((r) => [r.query.offset, r.query.count])).toEqual([['0', '3'], ['3', '3'], ['6', '3']]);
    expect(rest.at(-1)).toMatchObject({ method: 'DELETE', path: `/services/search/jobs/${sid}`, status: 200 });
  });

  it('reports a search Splunk refuses (400) with Splunk\'s words', async () => {
    await expect(readAll(context({ notable_search: 'index=main | stats count' }))).rejects.toMatchObject({
      code: 'VENDOR_REQUEST_REJECTED',
      message: expect.stringContaining("Error in 'search' command"),
      hint: expect.stringContaining('notable_search'),
    });
  });

  it('fails the run when the job ends FAILED, quoting its messages', async () => {
    sim.jobs.failNext('Search quota reached for user patchbay');
    await expect(readAll(context())).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', message: expect.stringMatching(/ended FAILED: Search quota reached/) });
  });

  it('gives up on a job that is not done within search_timeout_seconds, and cancels it', async () => {
    sim.jobs.durationMs = 3_600_000;
    await expect(readAll(context({ search_timeout_seconds: 10 }))).rejects.toMatchObject({ code: 'VENDOR_TIMEOUT', message: expect.stringContaining('not done after 10 s') });
    expect(sim.requests.at(-1)).toMatchObject({ method: 'DELETE', status: 200 });
  });

  it('restarts from the checkpoint when Splunk forgot the job (404 Unknown sid)', async () => {
    sim.seed('notable-events', { count: 7 });
    sim.inject({ kind: 'expire-page-token' });
    await expect(readAll(context())).rejects.toMatchObject({ code: 'PAGE_TOKEN_EXPIRED' });
  });

  it('checks the token with current-context and names its user', async () => {
    await expect(splunk.validate!(context())).resolves.toEqual({ ok: true, details: { user: 'patchbay', roles: ['ess_analyst', 'user'] } });
    await expect(splunk.validate!(context({}, null))).rejects.toMatchObject({ code: 'VENDOR_AUTH_FAILED' });
    await expect(readAll(context({}, null))).rejects.toMatchObject({ code: 'VENDOR_AUTH_FAILED' });
  });

  it('refuses to search without base_url, saying what to set', async () => {
    const opened = connectorContext({ connector: splunk, configuration: sim.hecConfiguration, clock, auth: token });
    closers.push(() => opened.close());
    const hecOnly = opened as unknown as ConnectorContext<SplunkConfig>;
    const stream = splunk.streams![0]!;
    const run = async () => {
      for await (const _ of stream.fetch(hecOnly, undefined)) void _;
    };
    await expect(run()).rejects.toMatchObject({ code: 'CONFIG_INVALID', field: 'configuration.base_url' });
  });
});
