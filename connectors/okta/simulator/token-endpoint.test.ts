import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@patchbay/types';
import { signClientAssertion } from './service-app.ts';
import { startOktaSimulator, type OktaSimulator } from './index.ts';

const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('the simulated org authorization server (POST /oauth2/v1/token)', () => {
  let sim: OktaSimulator | undefined;
  const clock = new ManualClock('2026-05-01T00:00:00Z');
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  const post = async (form: Record<string, string>) => {
    const response = await fetch(sim!.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('issues a scoped token for Okta\'s service-app request, and the API accepts it within its scopes', async () => {
    sim = await startOktaSimulator({ pageSize: 5, clock });
    sim.seed('users', { count: 2 });
    const assertion = signClientAssertion(sim.serviceApp, sim.tokenUrl, clock.now().getTime());
    const answer = await post({ grant_type: 'client_credentials', scope: 'okta.users.read', client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion });
    expect(answer).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3600, scope: 'okta.users.read' } });
    const headers = { authorization: `Bearer ${String(answer.body.access_token)}` };
    expect((await fetch(`${sim.baseUrl}/api/v1/users`, { headers })).status).toBe(200);
    const denied = await fetch(`${sim.baseUrl}/api/v1/logs`, { headers });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('www-authenticate')).toContain('scope="okta.logs.read"');
  });

  it('refuses what Okta refuses: a wrong audience, an ungranted scope, a missing assertion type', async () => {
    sim = await startOktaSimulator({ pageSize: 5, clock });
    const good = { grant_type: 'client_credentials', scope: 'okta.users.read', client_assertion_type: CLIENT_ASSERTION_TYPE };
    const wrongAud = signClientAssertion(sim.serviceApp, 'https://acme.okta.com/oauth2/v1/token', clock.now().getTime());
    expect(await post({ ...good, client_assertion: wrongAud })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const assertion = signClientAssertion(sim.serviceApp, sim.tokenUrl, clock.now().getTime());
    expect(await post({ ...good, scope: 'okta.users.manage okta.roles.manage', client_assertion: assertion })).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    expect(await post({ grant_type: 'client_credentials', scope: 'okta.users.read', client_assertion: assertion })).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  });

  it('refuses the RFC 7523 jwt-bearer grant, as Okta does', async () => {
    sim = await startOktaSimulator({ pageSize: 5, clock });
    const assertion = signClientAssertion(sim.serviceApp, sim.tokenUrl, clock.now().getTime());
    const rfc7523 = { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion, scope: 'okta.users.read' };
    expect(await post(rfc7523)).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
  });
});
