import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '@patchbay/engine';
import { MemorySource, memoryConnector } from '@patchbay/engine/testing';
import { testDatabaseKinds } from '@patchbay/store/testing';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

const item = (n: number, title = `finding ${n}`) => ({ id: `f-${n}`, title, severity: n % 10, updated: 1_700_000_000_000 + n });

describe.each(testDatabaseKinds())('mapping preview and stream samples on %s', (kind) => {
  let hub: TestHub;
  const source = new MemorySource();
  let instanceId: string;

  const call = (method: 'GET' | 'POST', url: string, payload?: unknown, role: 'editor' | 'viewer' = 'viewer') =>
    hub.app.inject({ method, url, headers: hub.auth(role), payload: payload as Record<string, unknown> | undefined });
  const preview = (draft: Record<string, unknown>, samples: unknown[] = [item(9, 'nine')]) => call('POST', '/api/integration/mappings/preview', { instance_id: instanceId, stream: 'findings', samples, ...draft });

  beforeAll(async () => {
    hub = await createTestHub(kind, {}, { connectors: [memoryConnector(source)] });
    instanceId = (await call('POST', '/api/integration/instances', { name: 'edr', connector_id: 'memory-source' }, 'editor')).json().id;
  });
  afterAll(() => hub.close());

  it('runs an unsaved draft like a sync would, for any role, and stores nothing', async () => {
    const res = await preview({ field_mappings: { 'finding_info.title': '$uppercase(ocsf.finding_info.title)', severity_id: 'raw.severity >= 9 ? 5 : ocsf.severity_id', severity: '"Low"' }, transformations: [{ remove: 'metadata.product.vendor_name' }] }, [item(9, 'nine'), item(2)]);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ target_schema: { class_uid: 2004, class_name: 'detection_finding' }, valid: true, errors: [], warnings: [] });
    const [nine, two] = body.samples;
    expect(nine).toMatchObject({ index: 0, external_id: 'f-9', ok: true, default_output: { finding_info: { title: 'nine' }, severity_id: 4 }, output: { finding_info: { title: 'NINE' }, severity_id: 5 }, errors: [] });
    expect(nine.default_output.metadata.product.vendor_name).toBe('Patchbay tests');
    expect(nine.output.metadata.product).not.toHaveProperty('vendor_name');
    expect(two).toMatchObject({ ok: true, output: { severity_id: 1, finding_info: { title: 'FINDING 2' } } });
    // The output's own OCSF warnings carry their path: severity_id 5 is Critical, the caption says Low.
    expect(nine.warnings).toContainEqual(expect.objectContaining({ path: 'severity', field: null, code: 'sibling_mismatch' }));
    expect(nine.default_output).not.toHaveProperty('severity');
    const stored = await hub.db.database.query<{ n: number }>('select count(*)::int as n from data_mappings');
    expect(stored[0]!.n).toBe(0);
  });

  it('reports compile errors and unknown targets on their path, and still previews the rest of the draft', async () => {
    const res = await preview({ field_mappings: { 'finding_info.title': '"[" & raw.id &', 'finding_info.titel': 'raw.title', message: '"from " & raw.id' }, transformations: [{ remove: 'nope' }] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.valid).toBe(false);
    const byPath = Object.fromEntries(body.errors.map((e: { path: string }) => [e.path, e]));
    expect(byPath['finding_info.title']).toMatchObject({ field: 'field_mappings.finding_info.title', code: expect.stringMatching(/^S0/), position: expect.any(Number) });
    expect(byPath['finding_info.titel']).toMatchObject({ field: 'field_mappings.finding_info.titel', message: expect.stringMatching(/did you mean title/) });
    expect(byPath.nope).toMatchObject({ field: 'transformations.0.remove' });
    // The valid field still applies; the broken ones are left out.
    expect(body.samples[0]).toMatchObject({ ok: true, output: { message: 'from f-9', finding_info: { title: 'nine' } } });
  });

  it('places failures on their path: an expression that fails on a record, and OCSF validation errors', async () => {
    const res = await preview({ field_mappings: { severity_id: '$number(raw.title)', 'finding_info.uid': 'null' } }, [item(1, 'x'), item(2, '3')]);
    const [failed, invalid] = res.json().samples;
    expect(failed).toMatchObject({ ok: false, output: null, default_output: { severity_id: 1 }, errors: [{ path: 'severity_id', field: 'field_mappings.severity_id', code: 'MAPPING_FAILED', message: expect.stringMatching(/Unable to cast/) }] });
    expect(invalid.ok).toBe(false);
    expect(invalid.output).toMatchObject({ severity_id: 3 });
    expect(invalid.errors).toContainEqual(expect.objectContaining({ path: 'finding_info.uid', field: null, code: 'required' }));
  });

  it('refuses bad input with a problem naming the field', async () => {
    const noSamples = await preview({ field_mappings: {} }, []);
    expect(noSamples.statusCode).toBe(400);
    expect(noSamples.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(noSamples.json().errors).toContainEqual(expect.objectContaining({ field: 'body.samples' }));
    const stream = await call('POST', '/api/integration/mappings/preview', { instance_id: instanceId, stream: 'nope', field_mappings: {}, samples: [{}] });
    expect(stream.statusCode).toBe(404);
    expect(stream.json()).toMatchObject({ code: 'NOT_FOUND', field: 'stream', hint: expect.stringMatching(/findings/) });
    const other = await hub.addOrganization(`preview-${kind}`);
    const foreign = await hub.app.inject({ method: 'POST', url: '/api/integration/mappings/preview', headers: { authorization: `Bearer ${other.adminToken}` }, payload: { instance_id: instanceId, stream: 'findings', field_mappings: {}, samples: [{}] } });
    expect(foreign.json()).toMatchObject({ code: 'NOT_FOUND', field: 'instance_id' });
  });

  it('returns the raw payloads the store keeps, newest first, and says so when it keeps none', async () => {
    const url = `/api/integration/instances/${instanceId}/streams/findings/samples`;
    const none = (await call('GET', url)).json();
    expect(none).toEqual({ raw_payloads_kept: false, note: expect.stringMatching(/Paste a vendor record/), items: [] });

    source.items = [item(1), item(2)];
    expect((await call('POST', `/api/integration/instances/${instanceId}/sync`, {}, 'editor')).statusCode).toBe(202);
    await hub.engine.sync.idle();
    expect((await call('GET', url)).json()).toMatchObject({ raw_payloads_kept: false, items: [] });

    // A sync that keeps raw payloads (it reads on from offset 2), and a record it rejects (no id): both are samples.
    hub.clock.advance(60_000);
    source.items = [item(1), item(2), item(3), { title: 'no id' } as never];
    await hub.engine.sync.runNow(systemActor(hub.organizationId, 'tests'), instanceId, { keepRawBytes: 10_000 });
    const kept = (await call('GET', `${url}?limit=5`)).json();
    expect(kept.raw_payloads_kept).toBe(true);
    expect(kept.note).toBeNull();
    expect(kept.items).toHaveLength(2);
    expect(kept.items).toContainEqual(expect.objectContaining({ source: 'record', external_id: 'f-3', raw: item(3) }));
    expect(kept.items).toContainEqual(expect.objectContaining({ source: 'rejected', external_id: null, raw: { title: 'no id' } }));
    expect((await call('GET', `${url}?limit=1`)).json().items).toHaveLength(1);

    expect((await call('GET', `/api/integration/instances/${instanceId}/streams/nope/samples`)).json()).toMatchObject({ code: 'NOT_FOUND', field: 'stream' });
    expect((await call('GET', `${url}?limit=500`)).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
