import { afterEach, describe, expect, it } from 'vitest';
import { hostMatches } from '@patchbay/sdk';
import { ManualClock } from '@patchbay/types';
import { GRAPH_RESOURCE, MDE_RESOURCE, perHostTargets } from '../auth.ts';
import connector from '../connector.ts';
import { startDefenderSimulator, type DefenderSimulatorHandle } from './index.ts';

let sim: DefenderSimulatorHandle | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const token = (s: DefenderSimulatorHandle, fields: Record<string, string>) =>
  fetch(s.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials', client_id: s.app.clientId, client_secret: s.app.clientSecret, ...fields }) });

describe('the Entra ID token endpoint of the simulator', () => {
  it('issues a token per resource, and each API refuses the other API’s token (strict audience)', async () => {
    sim = await startDefenderSimulator({ pageSize: 5, clock: new ManualClock('2026-05-01T00:00:00Z'), strictAudience: true });
    const graph = await token(sim, { scope: `${GRAPH_RESOURCE}/.default` });
    expect(graph.status).toBe(200);
    const body = (await graph.json()) as { token_type: string; expires_in: number; access_token: string };
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599 });
    const auth = { authorization: `Bearer ${body.access_token}` };
    expect((await fetch(`${sim.baseUrl}/v1.0/security/alerts_v2`, { headers: auth })).status).toBe(200);
    const mde = await fetch(`${sim.baseUrl}/api/machines`, { headers: auth });
    expect(mde.status).toBe(401);
    expect(await mde.json()).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
  });

  it("answers Entra ID's errors: wrong secret, wrong scope, unknown tenant", async () => {
    sim = await startDefenderSimulator({ pageSize: 5, clock: new ManualClock('2026-05-01T00:00:00Z') });
    const secret = await token(sim, { scope: `${MDE_RESOURCE}/.default`, client_secret: 'wrong' });
    expect(secret.status).toBe(401);
    expect(await secret.json()).toMatchObject({ error: 'invalid_client', error_codes: [7000215] });
    const scope = await token(sim, { scope: GRAPH_RESOURCE });
    expect(await scope.json()).toMatchObject({ error: 'invalid_scope' });
    const tenant = await fetch(sim.tokenUrl.replace(sim.app.tenantId, 'other-tenant'), { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) });
    expect(tenant.status).toBe(400);
  });

  it('hands out a configuration whose token URL is its own endpoint', async () => {
    sim = await startDefenderSimulator({ pageSize: 5, clock: new ManualClock('2026-05-01T00:00:00Z') });
    const method = connector.auth[0]!;
    const config = connector.config.parse(sim.configuration);
    expect(method.type === 'oauth2_client_credentials' && typeof method.tokenUrl === 'function' ? method.tokenUrl(config as never) : undefined).toBe(sim.tokenUrl);
  });
});

describe('per-host token audiences', () => {
  const audienceFor = (host: string) => perHostTargets.find((t) => hostMatches(t.host, host))?.audience;

  it('gives Graph requests a Graph token and every Defender for Endpoint host a Defender token', () => {
    expect(audienceFor('graph.microsoft.com')).toBe(GRAPH_RESOURCE);
    for (const host of ['api.securitycenter.microsoft.com', 'api-eu.securitycenter.microsoft.com', 'api.security.microsoft.com', 'eu.api.security.microsoft.com']) {
      expect(audienceFor(host), host).toBe(MDE_RESOURCE);
    }
    expect(audienceFor('login.microsoftonline.com')).toBeUndefined();
  });

  it('defaults every URL to the vendor hosts', () => {
    expect(connector.config.parse({ tenant_id: 'contoso.onmicrosoft.com' })).toMatchObject({
      base_url: 'https://graph.microsoft.com/v1.0',
      mde_url: 'https://api.securitycenter.microsoft.com',
      login_url: 'https://login.microsoftonline.com',
    });
  });
});
