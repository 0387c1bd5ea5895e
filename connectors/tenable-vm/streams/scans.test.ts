import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock } from '@patchbay/conformance';
import { apiKeyAuth, createHttpClient, type ConnectorContext } from '@patchbay/sdk';
import { createFakeLogger } from '@patchbay/sdk/testing';
import { Secret } from '@patchbay/types';
import { tenableConfig, type TenableConfig } from '../config.ts';
import { startTenableSimulator, type TenableSimulatorHandle } from '../simulator/index.ts';
import { scans } from './scans.ts';
import { vulnExportBody } from './vulnerabilities.ts';

async function pages<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of iterable) out.push(page);
  return out;
}

describe('tenable-vm scans stream and export requests', () => {
  let sim: TenableSimulatorHandle | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await sim?.close();
    sim = close = undefined;
  });

  async function context(): Promise<ConnectorContext<TenableConfig>> {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startTenableSimulator({ pageSize: 4, clock });
    const config = tenableConfig.parse(sim.configuration);
    const auth = apiKeyAuth({ in: 'header', name: 'X-ApiKeys', value: new Secret('accessKey=ak; secretKey=sk;') });
    const http = createHttpClient({ baseUrl: config.base_url, allowedHosts: ['127.0.0.1'], allowPrivateNetwork: true, auth, clock });
    close = () => http.close();
    return { config, http, log: createFakeLogger(), clock, signal: new AbortController().signal, instanceId: 'test' };
  }

  it('commits the one-request listing in pages by id, and resumes after the last committed id', async () => {
    const ctx = await context();
    sim!.seed('scans', { count: 10 });
    const all = await pages(scans.fetch(ctx, undefined));
    expect(all.map((p) => p.records.length)).toEqual([4, 4, 2]);
    expect(all.map((p) => p.checkpoint.after)).toEqual([1004, 1008, 1010]);
    const resumed = await pages(scans.fetch(ctx, { after: 1004 }));
    expect(resumed.flatMap((p) => p.records.map((s) => s.id))).toEqual([1005, 1006, 1007, 1008, 1009, 1010]);
    expect(sim!.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /scans', 'GET /scans']);
  });

  it('reads "scans": null as no scan, and fails a cut-short listing with VENDOR_BAD_RESPONSE', async () => {
    const ctx = await context();
    expect(await pages(scans.fetch(ctx, undefined))).toEqual([]);
    sim!.seed('scans', { count: 3 });
    sim!.inject({ kind: 'malformed-json' });
    await expect(pages(scans.fetch(ctx, undefined))).rejects.toMatchObject({ code: 'VENDOR_BAD_RESPONSE' });
  });

  it('asks for FIXED findings and since in Unix seconds; the simulator refuses a malformed export body', async () => {
    const ctx = await context();
    expect(vulnExportBody(ctx.config, 1_777_593_600)).toEqual({ num_assets: 4, filters: { state: ['OPEN', 'REOPENED', 'FIXED'], since: 1_777_593_600 } });
    expect(vulnExportBody({ ...ctx.config, include_fixed: false }, null)).toEqual({ num_assets: 4, filters: { state: ['OPEN', 'REOPENED'] } });
    await expect(ctx.http.post('/vulns/export', { num_assets: 10, filters: { since: '2026-01-01' } })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED' });
    await expect(ctx.http.post('/assets/export', { filters: {} })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED' });
  });

  it('clamps chunk sizes to Tenable bounds when asked to, and denies exports to non-administrators (403)', async () => {
    const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    const strict = await startTenableSimulator({ pageSize: 4, clock, tenableChunkBounds: true });
    try {
      strict.seed('vulnerabilities', { count: 60 });
      const http = createHttpClient({ baseUrl: strict.baseUrl, allowedHosts: ['127.0.0.1'], allowPrivateNetwork: true, auth: apiKeyAuth({ in: 'header', name: 'X-ApiKeys', value: new Secret('accessKey=ak; secretKey=sk;') }), clock });
      const { body } = await http.post<{ export_uuid: string }>('/vulns/export', { num_assets: 4, filters: {} });
      for (let i = 0; i < 3; i++) await http.get(`/vulns/export/${body.export_uuid}/status`);
      const chunk = await http.get<unknown[]>(`/vulns/export/${body.export_uuid}/chunks/1`);
      expect(chunk.body).toHaveLength(50);
      strict.state.role = 32;
      await expect(http.post('/assets/export', { chunk_size: 100, filters: {} })).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED' });
      await http.close();
    } finally {
      await strict.close();
    }
  });
});
