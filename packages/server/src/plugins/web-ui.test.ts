import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub } from '../testing/test-hub.ts';

describe('the web UI served by the server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-ui-'));
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  let hub: TestHub;
  let bare: TestHub;
  beforeAll(async () => {
    mkdirSync(join(dir, 'built', 'assets'), { recursive: true });
    writeFileSync(join(dir, 'built', 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app-1a2b3c.js"></script></body></html>');
    writeFileSync(join(dir, 'built', 'assets', 'app-1a2b3c.js'), script);
    writeFileSync(join(dir, 'built', 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    hub = await createTestHub('pglite', { uiDir: join(dir, 'built') });
    bare = await createTestHub('pglite', { uiDir: join(dir, 'not-built') });
  });
  afterAll(async () => {
    await hub.close();
    await bare.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for the UI routes, revalidated every time, with its content security policy', async () => {
    for (const url of ['/', '/integrations', '/integrations/http-json/configure?instance=1']) {
      const res = await hub.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.body).toContain('<div id="root">');
    }
    const first = await hub.app.inject({ method: 'GET', url: '/' });
    const again = await hub.app.inject({ method: 'GET', url: '/', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });

  it('sends hashed assets compressed (brotli, else gzip, else as they are) and cached for a year', async () => {
    const br = await hub.app.inject({ method: 'GET', url: '/assets/app-1a2b3c.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(script);
    const gz = await hub.app.inject({ method: 'GET', url: '/assets/app-1a2b3c.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await hub.app.inject({ method: 'GET', url: '/assets/app-1a2b3c.js', headers: { 'accept-encoding': 'br;q=0, identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const icon = await hub.app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('keeps the API its own: unknown /api paths and missing files are problem+json 404s, not the app', async () => {
    for (const url of ['/api/nothing-here', '/assets/app-old.js', '/robots.txt']) {
      const res = await hub.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    }
    expect((await hub.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await hub.app.inject({ method: 'GET', url: '/api/integration/connectors', headers: hub.auth('viewer') })).statusCode).toBe(200);
  });

  it('says how to build the UI when the folder has none', async () => {
    const res = await bare.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build -w @patchbay/web');
  });
});
