import { afterEach, describe, expect, it } from 'vitest';
import { apiKeyAuth, createHttpClient, type ConnectorContext } from '@patchbay/sdk';
import { createFakeLogger } from '@patchbay/sdk/testing';
import { ManualClock, Secret } from '@patchbay/types';
import { oktaConfig, type OktaConfig } from '../config.ts';
import type { OktaGroupMembership } from '../mappers/okta-types.ts';
import { membershipId } from '../mappers/group-membership.ts';
import { startOktaSimulator, type OktaSimulator } from '../simulator/index.ts';
import { groupMemberships } from './group-memberships.ts';

type Page = { records: readonly OktaGroupMembership[]; checkpoint: unknown };

async function pagesOf(pages: AsyncIterable<Page>): Promise<Page[]> {
  const out: Page[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('group-memberships stream', () => {
  let sim: OktaSimulator | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await sim?.close();
  });

  async function bed() {
    const clock = new ManualClock('2026-05-01T00:00:00Z');
    sim = await startOktaSimulator({ pageSize: 2, clock });
    sim.seed('users', { count: 5 });
    sim.seed('groups', { count: 3 });
    sim.seed('group-memberships', { count: 7 });
    const config = oktaConfig.parse(sim.configuration);
    const http = createHttpClient({ baseUrl: config.base_url, allowedHosts: ['127.0.0.1'], allowPrivateNetwork: true, auth: apiKeyAuth({ in: 'header', name: 'Authorization', value: new Secret('t'), prefix: 'SSWS ' }), clock });
    close = () => http.close();
    const ctx: ConnectorContext<OktaConfig> = { config, http, log: createFakeLogger(), clock, signal: new AbortController().signal, instanceId: 'test' };
    return ctx;
  }

  const ids = (pages: readonly Page[]) => pages.flatMap((p) => p.records.map(membershipId));

  it('reads every membership across group pages and member pages, and resumes from any checkpoint without loss or repeats', async () => {
    const ctx = await bed();
    const pages = await pagesOf(groupMemberships.fetch(ctx, undefined));
    const expected = (sim!.records('group-memberships') as OktaGroupMembership[]).map(membershipId);
    expect(ids(pages)).toEqual(expected);
    expect(pages.at(-1)!.checkpoint).toMatchObject({ done: true });
    for (let i = 0; i < pages.length - 1; i++) {
      const resumed = await pagesOf(groupMemberships.fetch(ctx, pages[i]!.checkpoint as never));
      expect(ids(resumed), `after page ${i}`).toEqual(ids(pages.slice(i + 1)));
    }
    expect(await pagesOf(groupMemberships.fetch(ctx, pages.at(-1)!.checkpoint as never))).toEqual([]);
  });

  it('fails with VENDOR_BAD_RESPONSE on a cut-short members page', async () => {
    const ctx = await bed();
    sim!.inject({ kind: 'malformed-json' }, { afterRequests: 1 });
    await expect(pagesOf(groupMemberships.fetch(ctx, undefined))).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
  });
});
