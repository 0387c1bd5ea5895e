import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, connectorContext } from '@patchbay/conformance';
import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import connector from '../connector.ts';
import { servicenowConfig, type ServiceNowConfig } from '../config.ts';
import { sysIdOf, valueOf, type TableRecord } from '../table-record.ts';
import { startBed, type TestBed } from '../testing/test-bed.ts';
import { configurationItems } from './configuration-items.ts';
import { incidents } from './incidents.ts';
import type { InventoryCheckpoint } from './inventory-listing.ts';
import { tablePages } from './table-pages.ts';

type Page<C> = { records: readonly TableRecord[]; checkpoint: C };

async function collect<C>(pages: AsyncIterable<Page<C>>, between?: (index: number) => void): Promise<Page<C>[]> {
  const out: Page<C>[] = [];
  for await (const page of pages) {
    out.push(page);
    between?.(out.length);
  }
  return out;
}

const ids = (pages: readonly Page<unknown>[]) => new Set(pages.flatMap((p) => p.records.map(sysIdOf)));
const listed = (bed: TestBed, path: string) => bed.sim.requests.filter((r) => r.path === path).map((r) => Number(r.query.sysparm_offset));

describe('servicenow streams against the simulator', () => {
  let bed: TestBed | undefined;
  let server: LocalServer | undefined;
  afterEach(async () => {
    await bed?.close();
    await server?.close();
    bed = undefined;
    server = undefined;
  });

  it('reads past pages that ACLs leave short or empty, to the end X-Total-Count gives', async () => {
    bed = await startBed();
    bed.sim.seed('configuration-items', { count: 12 });
    const hidden = bed.sim.store.list('cmdb_ci').slice(5, 10).map((r) => r.sys_id!);
    bed.sim.hide(hidden);
    const pages = await collect(configurationItems.fetch(bed.ctx, undefined));
    expect(pages.map((p) => p.records.length)).toEqual([5, 0, 2]);
    expect(pages.map((p) => p.checkpoint)).toEqual([{ offset: 5, total: 12 }, { offset: 10, total: 12 }, { offset: null, total: 12 }]);
    expect([...ids(pages)].sort()).toEqual(bed.sim.records('configuration-items').map((r) => sysIdOf(r as TableRecord)).sort());
    expect(listed(bed, '/api/now/table/cmdb_ci')).toEqual([0, 5, 10]);
  });

  it('starts an inventory listing again when a record before the offset is deleted mid-run, so no live CI is missed (and marked deleted)', async () => {
    bed = await startBed();
    bed.sim.seed('configuration-items', { count: 12 });
    const first = bed.sim.store.list('cmdb_ci')[1]!.sys_id!;
    const pages = await collect(configurationItems.fetch(bed.ctx, undefined), (n) => n === 1 && bed!.sim.store.rows.delete(first));
    expect(listed(bed, '/api/now/table/cmdb_ci')).toEqual([0, 5, 0, 5, 10]);
    expect(ids(pages)).toEqual(new Set(bed.sim.store.list('cmdb_ci').map((r) => r.sys_id!).concat(first)));
    expect(pages.at(-1)!.checkpoint).toEqual({ offset: null, total: 11 });
  });

  it('resumes an inventory from its checkpoint, or from the start when records were deleted before the offset since', async () => {
    bed = await startBed();
    bed.sim.seed('configuration-items', { count: 12 });
    const resumed = await collect(configurationItems.fetch(bed.ctx, { offset: 10, total: 12 }));
    expect(resumed.map((p) => p.records.length)).toEqual([2]);
    bed.sim.store.rows.delete(bed.sim.store.list('cmdb_ci')[0]!.sys_id!);
    const before = bed.sim.requests.length;
    const restarted = await collect(configurationItems.fetch(bed.ctx, { offset: 10, total: 12 } satisfies InventoryCheckpoint));
    expect(bed.sim.requests.slice(before).map((r) => Number(r.query.sysparm_offset))).toEqual([10, 0, 5, 10]);
    expect(ids(restarted).size).toBe(11);
    expect(await collect(configurationItems.fetch(bed.ctx, { offset: null, total: 11 }))).toEqual([]);
  });

  it('reads incidents in a window of whole UTC seconds (30 days and the minute of overlap back, to a second before now), oldest first, with the filter ANDed', async () => {
    bed = await startBed({ config: { incident_query: 'active=true' } });
    bed.sim.seed('incidents', { count: 3 });
    const pages = await collect(incidents.fetch(bed.ctx, undefined));
    const query = bed.sim.requests.find((r) => r.path === '/api/now/table/incident')!.query;
    expect(query).toMatchObject({
      sysparm_query: 'sys_updated_on>=2026-03-31 23:59:00^sys_updated_on<=2026-04-30 23:59:59^active=true^ORDERBYsys_updated_on^ORDERBYsys_id',
      sysparm_display_value: 'all',
      sysparm_exclude_reference_link: 'true',
      sysparm_limit: '5',
      sysparm_offset: '0',
    });
    // The seeded closed incident (state 7) is not active: the filter left it out.
    expect(pages.flatMap((p) => p.records).map((r) => valueOf(r, 'active'))).toEqual(['true', 'true', 'true']);
    expect(pages.at(-1)!.checkpoint.cursor.cursor).toBe('2026-04-30T23:59:59.000Z');
  });

  it('loses no incident when one already read is updated while the window is being read, and reads it again next run', async () => {
    bed = await startBed();
    bed.sim.seed('incidents', { count: 12 });
    const moved = bed.sim.store.list('incident')[2]!;
    const pages = await collect(incidents.fetch(bed.ctx, undefined), (n) => {
      if (n === 1) bed!.sim.setIncidentState(moved.sys_id!, 2);
    });
    expect(ids(pages)).toEqual(new Set(bed.sim.store.list('incident').map((r) => r.sys_id!)));
    bed.clock.advance(60_000);
    const next = await collect(incidents.fetch(bed.ctx, pages.at(-1)!.checkpoint));
    expect(next.flatMap((p) => p.records).map(sysIdOf)).toEqual([moved.sys_id]);
  });

  it('without X-Total-Count, ends where the Link header has no next page, else at a short page; a bad count or body is VENDOR_BAD_RESPONSE', async () => {
    const record = (id: number) => ({ sys_id: { value: id.toString(16).padStart(32, '0'), display_value: '' } });
    let mode = 'link';
    server = await startLocalServer((request, response) => {
      const offset = Number(new URL(request.url!, 'http://x').searchParams.get('sysparm_offset'));
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (mode === 'link' && offset === 0) headers.link = '<http://x/api/now/table/cmdb_ci?sysparm_offset=2>;rel="next"';
      if (mode === 'bad-count') headers['x-total-count'] = 'lots';
      response.writeHead(200, headers);
      response.end(JSON.stringify(mode === 'no-list' ? { result: {} } : { result: offset === 0 ? [record(1), record(2)] : [record(3)] }));
    });
    const clock = new AutoAdvanceClock();
    const configuration = servicenowConfig.parse({ base_url: server.url, page_size: 2 });
    const ctx = connectorContext({ connector, configuration, clock }) as unknown as Parameters<typeof tablePages>[0] & { close(): Promise<void> };
    const read = async () => {
      const counts: number[] = [];
      for await (const page of tablePages(ctx, { table: 'cmdb_ci', conditions: [], orderBy: ['sys_id'], operation: 'list-configuration-items' })) counts.push(page.records.length);
      return counts;
    };
    expect(await read()).toEqual([2, 1]);
    mode = 'short';
    expect(await read()).toEqual([2, 1]);
    mode = 'bad-count';
    await expect(read()).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE', message: expect.stringMatching(/X-Total-Count/) });
    mode = 'no-list';
    await expect(read()).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
    await ctx.close();
  });
});

describe('servicenow config', () => {
  it('refuses filters that would escape the time window or the paging order', () => {
    const base = { base_url: 'https://acme.service-now.com' };
    expect(servicenowConfig.safeParse({ ...base, incident_query: 'active=true^NQpriority=1' }).success).toBe(false);
    expect(servicenowConfig.safeParse({ ...base, ci_query: 'ORDERBYDESCname' }).success).toBe(false);
    const parsed: ServiceNowConfig = servicenowConfig.parse({ ...base, ci_query: 'operational_status=1' });
    expect(parsed).toMatchObject({ ci_table: 'cmdb_ci', service_table: 'cmdb_ci_service', page_size: 1000, comment_field: 'work_notes', priority_table: { '1': { impact: 1, urgency: 1 }, '5': { impact: 3, urgency: 3 } } });
    expect(servicenowConfig.safeParse({ ...base, ci_table: 'cmdb_ci; drop' }).success).toBe(false);
  });
});
