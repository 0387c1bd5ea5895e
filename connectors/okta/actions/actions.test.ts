import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock, planAction, runAction } from '@patchbay/conformance';
import { apiKeyAuth, bearerAuth } from '@patchbay/sdk';
import { Secret } from '@patchbay/types';
import connector from '../connector.ts';
import { startOktaSimulator, type OktaSimulator } from '../simulator/index.ts';

const ssws = (token: string) => apiKeyAuth({ in: 'header', name: 'Authorization', value: new Secret(token), prefix: 'SSWS ' });

describe('okta actions against the simulated org', () => {
  let sim: OktaSimulator | undefined;
  const clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function org() {
    sim = await startOktaSimulator({ pageSize: 5, clock });
    sim.seed('users', { count: 3 });
    const [user] = sim.records('users') as { id: string; profile: { login: string } }[];
    const call = (name: string, input: unknown, token = 'api-token') => runAction({ connector, simulator: sim!, clock, auth: ssws(token) }, name, input);
    return { sim, user: user!, call };
  }

  it('suspends an active user, is idempotent, and unsuspend-user undoes it', async () => {
    const { sim: org_, user, call } = await org();
    await expect(call('suspend-user', { user_id: user.id })).resolves.toEqual({ user_id: user.id, status: 'SUSPENDED', changed: true });
    expect(org_.directory.users.get(user.id)!.status).toBe('SUSPENDED');
    await expect(call('suspend-user', { user_id: user.id })).resolves.toEqual({ user_id: user.id, status: 'SUSPENDED', changed: false });
    expect(org_.requests.filter((r) => r.path.endsWith('/lifecycle/suspend'))).toHaveLength(1);
    await expect(call('unsuspend-user', { user_id: user.profile.login })).resolves.toEqual({ user_id: user.id, status: 'ACTIVE', changed: true });
    expect(org_.log.events.map((e) => e.eventType)).toEqual(['user.lifecycle.suspend', 'user.lifecycle.unsuspend']);
    const [suspend, unsuspend] = ['suspend-user', 'unsuspend-user'].map((name) => connector.actions!.find((a) => a.name === name)!);
    expect([suspend!.reverse, unsuspend!.reverse, suspend!.impact, unsuspend!.impact]).toEqual(['unsuspend-user', 'suspend-user', 'high', 'high']);
  });

  it('clears a user\'s sessions and OAuth tokens with one DELETE', async () => {
    const { sim: org_, user, call } = await org();
    await expect(call('clear-user-sessions', { user_id: user.id })).resolves.toEqual({ user_id: user.id, sessions_cleared: true, oauth_tokens_revoked: true });
    expect(org_.clearedSessions).toEqual([user.id]);
    expect(org_.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/api/v1/users/${user.id}/sessions`, query: { oauthTokens: 'true' }, status: 204 });
  });

  it('plans the requests of a dry run without sending them', async () => {
    const { sim: org_, user } = await org();
    const plan = await planAction({ connector, simulator: org_, clock, auth: ssws('t') }, 'suspend-user', { user_id: user.id });
    expect(plan.map((r) => `${r.method} ${r.url}`)).toEqual([`GET /api/v1/users/${user.id}`, `POST /api/v1/users/${user.id}/lifecycle/suspend`]);
    expect(plan[1]).toMatchObject({ retry: false });
    const clear = await planAction({ connector, simulator: org_, clock, auth: ssws('t') }, 'clear-user-sessions', { user_id: user.id, revoke_oauth_tokens: false });
    expect(clear).toEqual([{ method: 'DELETE', url: `/api/v1/users/${user.id}/sessions`, query: { oauthTokens: false }, operation: 'clear-user-sessions' }]);
    expect(org_.requests).toEqual([]);
  });

  it('reports Okta\'s refusals: unknown user (404 E0000007), wrong status (400 E0000001)', async () => {
    const { sim: org_, user, call } = await org();
    await expect(call('suspend-user', { user_id: '00unknown000000000h7' })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { status: 404 } });
    await expect(call('clear-user-sessions', { user_id: '00unknown000000000h7' })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { status: 404 } });
    org_.directory.users.set(user.id, { ...org_.directory.users.get(user.id)!, status: 'DEPROVISIONED' });
    await expect(call('suspend-user', { user_id: user.id })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: { status: 400 } });
    expect(org_.requests.at(-1)).toMatchObject({ path: `/api/v1/users/${user.id}/lifecycle/suspend`, status: 400 });
  });

  it('reports permission denied for a read-only API token and for an OAuth token without okta.users.manage', async () => {
    const { sim: org_, user, call } = await org();
    org_.grant('SSWS read-only', ['okta.users.read']);
    await expect(call('suspend-user', { user_id: user.id }, 'read-only')).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED', details: { status: 403, permission: 'okta.users.manage' } });
    org_.grant('reader-access-token', ['okta.users.read']);
    const oauth = runAction({ connector, simulator: org_, clock, auth: bearerAuth({ token: new Secret('reader-access-token') }) }, 'clear-user-sessions', { user_id: user.id });
    await expect(oauth).rejects.toMatchObject({ code: 'VENDOR_PERMISSION_DENIED' });
    expect(org_.directory.users.get(user.id)!.status).toBe('ACTIVE');
  });

  it('waits out a 429 with Okta\'s X-Rate-Limit-Reset, and fails on a revoked token', async () => {
    const { sim: org_, user, call } = await org();
    org_.inject({ kind: 'rate-limit', retryAfterSeconds: 1 });
    await expect(call('clear-user-sessions', { user_id: user.id })).resolves.toMatchObject({ sessions_cleared: true });
    expect(clock.waits.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000);
    expect(org_.requests.map((r) => r.status)).toEqual([429, 204]);
    org_.inject({ kind: 'unauthorized-once' });
    await expect(call('suspend-user', { user_id: user.id })).rejects.toMatchObject({ code: 'VENDOR_AUTH_FAILED' });
  });
});
