import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@patchbay/types';
import { startLocalServer, type LocalServer } from '../testing/local-server.ts';
import { statusError } from './classify.ts';
import { createHttpClient, type PatchbayHttpClient } from './create-http-client.ts';
import { findMissingPermission } from './permission.ts';

const base = { bodyText: '', what: 'GET api.vendor.test/v1/alerts', operation: undefined, permissions: undefined, nowMs: 0 };

describe('statusError', () => {
  it('maps statuses to codes and kinds', () => {
    const of = (status: number, headers: Record<string, string> = {}) => statusError({ ...base, status, headers: new Headers(headers) });
    expect(of(401)).toMatchObject({ code: 'VENDOR_AUTH_FAILED', kind: 'auth', retryable: false });
    expect(of(403)).toMatchObject({ code: 'VENDOR_PERMISSION_DENIED', kind: 'config' });
    expect(of(403, { 'x-ratelimit-remaining': '0' })).toMatchObject({ code: 'VENDOR_RATE_LIMITED' });
    expect(of(429, { 'retry-after': '2' })).toMatchObject({ code: 'VENDOR_RATE_LIMITED', kind: 'rate_limited', retryAfterMs: 2_000 });
    expect(of(500)).toMatchObject({ code: 'VENDOR_UNAVAILABLE', kind: 'transient', retryable: true });
    expect(of(504)).toMatchObject({ code: 'VENDOR_TIMEOUT', retryable: true });
    expect(of(422)).toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', retryable: false });
  });

  it('never puts the query string or long tokens in what it reports', () => {
    const error = statusError({ ...base, status: 400, headers: new Headers(), bodyText: JSON.stringify({ message: `bad key ${'k'.repeat(40)}` }) });
    expect(error.message).not.toContain('?');
    expect(error.details).toMatchObject({ vendorMessage: 'bad key [REDACTED]' });
  });
});

describe('403 names the missing permission', () => {
  it('from the permissions the connector declared for the operation', () => {
    const error = statusError({ ...base, status: 403, headers: new Headers(), operation: 'list-alerts', permissions: ['alerts:read'] });
    expect(error.message).toContain('alerts:read');
    expect(error.message).toContain('list-alerts');
    expect(error.hint).toBe('Grant alerts:read to the credentials this instance uses.');
  });

  it.each([
    [{ 'www-authenticate': 'Bearer error="insufficient_scope", scope="okta.users.read"' }, '', 'okta.users.read'],
    [{ 'x-accepted-oauth-scopes': 'repo, read:org' }, '', 'repo, read:org'],
    [{}, JSON.stringify({ error: { code: 'Forbidden', required_scopes: ['SecurityEvents.Read.All'] } }), 'SecurityEvents.Read.All'],
    [{}, JSON.stringify({ message: 'Missing required scope: detects:read' }), 'detects:read'],
    [{}, 'The API key requires the permission Alerts.ReadWrite to do this', 'Alerts.ReadWrite'],
    [{}, JSON.stringify({ message: 'You do not have permission to access this' }), undefined],
  ])('from the response (%j %s)', (headers, body, expected) => {
    expect(findMissingPermission(new Headers(headers), body)).toBe(expected);
  });
});

describe('403 through the client', () => {
  let server: LocalServer;
  let client: PatchbayHttpClient;
  afterEach(async () => {
    await client?.close();
    await server?.close();
  });

  it('uses the permissions declared per operation', async () => {
    server = await startLocalServer((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end('{"error":"forbidden"}');
    });
    client = createHttpClient({ baseUrl: server.url, allowPrivateNetwork: true, clock: new ManualClock(), permissions: { 'list-alerts': 'alerts:read' } });
    await expect(client.get('/alerts', { operation: 'list-alerts' })).rejects.toMatchObject({
      code: 'VENDOR_PERMISSION_DENIED',
      message: expect.stringContaining('alerts:read'),
      details: { permission: 'alerts:read', operation: 'list-alerts' },
    });
    expect(server.requests).toHaveLength(1);
  });
});
