import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, closeContractProxies, leaseContractProxy, type ContractLease } from '@patchbay/conformance';
import connector from './connector.ts';
import { startSentinelSimulator, type SentinelSimulatorHandle } from './simulator/index.ts';
import { batchOf, destinationContext, eventsIn, tokenSource } from './testing/events.ts';

const send = connector.destination!.send!;
const open: { close(): Promise<void> }[] = [];
let lease: ContractLease | undefined;
afterEach(async () => {
  lease?.release();
  lease = undefined;
  for (const thing of open.splice(0).reverse()) await thing.close();
});
afterAll(closeContractProxies);

/**
 * The connector's calls go through `prism proxy DataCollectionRules.json <simulator> --errors`: Prism checks
 * each request (path, api-version, headers, the JSON array body) and each answer (204, Azure Core error
 * bodies) against Microsoft's description of the API; any violation fails. Bodies go uncompressed here:
 * Prism cannot read a gzip request body (it never answers one), so gzip is covered by the simulator tests.
 */
describe('the Logs Ingestion API description (Prism) against the connector and the simulator', () => {
  async function through(config: Record<string, unknown> = {}): Promise<{ sim: SentinelSimulatorHandle; ctx: ReturnType<typeof destinationContext> }> {
    const clock = new AutoAdvanceClock('2026-05-01T12:00:00Z');
    const sim = await startSentinelSimulator({ pageSize: 5, clock, maxCallBytes: 16_384 });
    open.push(sim);
    lease = await leaseContractProxy(sim.contract!.spec, sim.baseUrl);
    const ctx = destinationContext({ configuration: { ...sim.configuration, endpoint: lease.url, gzip: false, max_bytes_per_call: 16_384, ...config }, clock, auth: tokenSource(() => sim.issueToken()).auth });
    open.push(ctx);
    return { sim, ctx };
  }

  it('finds nothing wrong with batches cut into calls, a 429 retried and a 403', async () => {
    const { sim, ctx } = await through();
    const events = await eventsIn('ocsf-json', 30, { pad: 300 });
    sim.inject({ kind: 'rate-limit', retryAfterSeconds: 1 }, { afterRequests: 1 });
    await send(ctx, batchOf('ocsf-json', events));
    await send(ctx, batchOf('jsonata', await eventsIn('jsonata', 3, { template: '{ "TimeGenerated": timestamp, "Title": record.finding_info.title }', firstSeq: 31 })));
    sim.deny();
    await expect(send(ctx, batchOf('ocsf-json', events.slice(0, 1)))).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED' });
    sim.deny(undefined, false);
    expect(lease!.violations()).toEqual([]);
    expect(sim.uploads.map((u) => u.status)).toEqual(expect.arrayContaining([204, 429, 403]));
    expect(sim.uploads.filter((u) => u.status === 204).length).toBeGreaterThan(3);
    expect(lease!.exchanges()).toBe(sim.uploads.length);
    expect(sim.rows().slice(0, 30).map((r) => r.EventId)).toEqual(events.map((e) => e.id));
  });

  it('finds nothing wrong with InvalidStream', async () => {
    const { sim, ctx } = await through({ stream_name: 'Custom-Missing' });
    await expect(send(ctx, batchOf('ocsf-json', await eventsIn('ocsf-json', 1)))).rejects.toMatchObject({ details: { vendor_code: 'InvalidStream' } });
    expect(lease!.violations()).toEqual([]);
    expect(sim.uploads.map((u) => u.status)).toEqual([400]);
  });

  it('does report a request that breaks the description (the check can fail)', async () => {
    const { sim } = await through();
    const response = await fetch(`${lease!.url}/dataCollectionRules/${String(sim.configuration.dcr_immutable_id)}/streams/Custom-PatchbayEvents?api-version=2023-01-01`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.issueToken()}`, 'content-type': 'application/json', 'x-ms-client-request-id': 'not-a-uuid' },
      body: '{"not":"an array"}',
    });
    expect(response.status).toBe(422);
    expect(lease!.violations().map((v) => v.location)).toEqual(expect.arrayContaining(['header.x-ms-client-request-id', 'body']));
    expect(sim.uploads).toEqual([]);
  });
});
