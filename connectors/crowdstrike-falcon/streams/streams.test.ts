import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock } from '@patchbay/conformance';
import { testBed, type TestBed } from '../test-bed.ts';
import { alerts } from './alerts.ts';
import { hosts } from './hosts.ts';
import { vulnerabilities } from './vulnerabilities.ts';

async function pagesOf<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('crowdstrike-falcon streams', () => {
  let bed: TestBed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('hosts: resumes from the stored scroll pointer, and restarts the listing when the pointer has expired (2 minutes)', async () => {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    bed = await testBed(clock);
    bed.simulator.seed('hosts', { count: 10 });
    const first = await pagesOf(hosts.fetch(bed.ctx, undefined));
    expect(first.map((p) => p.records.length)).toEqual([4, 4, 2]);
    expect(first.at(-1)!.checkpoint).toEqual({ offset: null, read: 10 });
    const resumed = await pagesOf(hosts.fetch(bed.ctx, first[0]!.checkpoint));
    expect(resumed.flatMap((p) => p.records.map((h) => h.device_id))).toEqual(first.slice(1).flatMap((p) => p.records.map((h) => h.device_id)));

    clock.advance(121_000);
    const restarted = await pagesOf(hosts.fetch(bed.ctx, first[0]!.checkpoint));
    expect(restarted.flatMap((p) => p.records)).toHaveLength(10);
    expect(bed.ctx.log.entries.some((e) => e.level === 'warn')).toBe(true);
    expect(await pagesOf(hosts.fetch(bed.ctx, { offset: null, read: 10 }))).toEqual([]);
  });

  // The first run starts start_days_ago (30) back, minus the 5-minute overlap every run reads again.
  it('alerts: asks ids by FQL on updated_timestamp with the instance filter, then entities, oldest first', async () => {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    bed = await testBed(clock, {}, { alert_filter: "product:'epp'" });
    bed.simulator.seed('alerts', { count: 6 });
    const pages = await pagesOf(alerts.fetch(bed.ctx, undefined));
    const ids = pages.flatMap((p) => p.records.map((a) => a.composite_id));
    expect(ids).toEqual(bed.simulator.data.alerts.list().map((a) => a.composite_id));
    const query = bed.simulator.requests.find((r) => r.path === '/alerts/queries/alerts/v2')!.query;
    expect(query).toMatchObject({ sort: 'updated_timestamp|asc', limit: '4', offset: '0', filter: "updated_timestamp:>='2026-03-31T23:55:00.000Z'+updated_timestamp:<='2026-05-01T00:00:00.000Z'+(product:'epp')" });
    expect(bed.simulator.requests.filter((r) => r.path === '/alerts/entities/alerts/v2')).toHaveLength(2);
  });

  it('vulnerabilities: pages on the after token with the three facets; an expired token becomes PAGE_TOKEN_EXPIRED', async () => {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    bed = await testBed(clock);
    bed.simulator.seed('vulnerabilities', { count: 9 });
    const pages = await pagesOf(vulnerabilities.fetch(bed.ctx, undefined));
    expect(pages.flatMap((p) => p.records)).toHaveLength(9);
    expect(pages.flatMap((p) => p.records).every((v) => v.cve !== undefined && v.host_info !== undefined && v.remediation !== undefined)).toBe(true);
    const listing = bed.simulator.requests.filter((r) => r.path === '/spotlight/combined/vulnerabilities/v1');
    expect(listing.map((r) => r.query.after !== undefined)).toEqual([false, true, true]);

    bed.simulator.inject({ kind: 'expire-page-token' });
    await expect(pagesOf(vulnerabilities.fetch(bed.ctx, undefined))).rejects.toMatchObject({ code: 'PAGE_TOKEN_EXPIRED' });
  });
});
