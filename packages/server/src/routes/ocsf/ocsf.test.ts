import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub } from '../../testing/test-hub.ts';

describe('the OCSF schema explorer API', () => {
  let hub: TestHub;
  const get = (url: string, headers: Record<string, string> = {}) => hub.app.inject({ method: 'GET', url, headers: { ...hub.auth('viewer'), ...headers } });

  beforeAll(async () => {
    hub = await createTestHub('pglite');
  });
  afterAll(() => hub.close());

  it('lists the event classes with their category', async () => {
    const res = await get('/api/ocsf/classes');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.version).toBe('1.9.0-dev');
    expect(body.items.find((c: { uid: number }) => c.uid === 2004)).toMatchObject({ name: 'detection_finding', caption: 'Detection Finding', category: 'findings', category_uid: 2, category_caption: 'Findings', description: expect.any(String) });
    expect(body.items.length).toBeGreaterThan(50);
  });

  it("describes a class's attributes: type, object, requirement, enum values, profile", async () => {
    const body = (await get('/api/ocsf/classes/2004')).json();
    expect(body.class).toMatchObject({ uid: 2004, name: 'detection_finding' });
    const attr = (name: string) => body.attributes.find((a: { name: string }) => a.name === name);
    expect(attr('finding_info')).toMatchObject({ type: 'object_t', object_type: 'finding_info', requirement: 'required', is_array: false });
    expect(attr('severity_id')).toMatchObject({ type: 'integer_t', sibling: 'severity', enum: expect.arrayContaining([{ value: 5, caption: 'Critical', description: expect.any(String) }]) });
    expect(attr('resources')).toMatchObject({ is_array: true, object_type: 'resource_details' });
    expect(body.attributes.some((a: { profile: string | null }) => a.profile !== null)).toBe(true);
  });

  it('describes an object, and answers 404 with a hint for unknown ones', async () => {
    const device = (await get('/api/ocsf/objects/device')).json();
    expect(device).toMatchObject({ name: 'device', caption: 'Device' });
    expect(device.attributes.find((a: { name: string }) => a.name === 'hostname')).toMatchObject({ type: 'hostname_t' });
    const missing = await get('/api/ocsf/objects/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND', field: 'name', hint: expect.any(String) });
    const noClass = await get('/api/ocsf/classes/2');
    expect(noClass.json()).toMatchObject({ code: 'NOT_FOUND', field: 'uid' });
    expect((await get('/api/ocsf/classes/abc')).statusCode).toBe(400);
  });

  it('is cacheable: an ETag that a matching If-None-Match turns into a 304', async () => {
    const first = await get('/api/ocsf/classes/2004');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"ocsf-1\.9\.0-dev\+/);
    expect(first.headers['cache-control']).toBe('private, max-age=86400');
    const again = await get('/api/ocsf/classes/2004', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get('/api/ocsf/classes', { 'if-none-match': '"stale"' })).statusCode).toBe(200);
  });
});
