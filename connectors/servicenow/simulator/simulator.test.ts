import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { AutoAdvanceClock } from '@patchbay/conformance';
import { derivedSpec, VENDOR_SPEC } from './contract-spec.ts';
import { parseEncodedQuery } from './encoded-query.ts';
import { startServiceNowSimulator, type ServiceNowSimulator } from './index.ts';

describe('the simulated ServiceNow instance', () => {
  let sim: ServiceNowSimulator | undefined;
  let clock: AutoAdvanceClock;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  async function start() {
    clock = new AutoAdvanceClock('2026-05-01T00:00:00Z');
    sim = await startServiceNowSimulator({ pageSize: 5, clock });
    sim.seed('configuration-items', { count: 6 });
    sim.seed('business-services', { count: 2 });
    sim.seed('incidents', { count: 6 });
    return sim;
  }
  const { username, password } = { username: 'patchbay.integration', password: 'simulated-servicenow-password' };
  const basic = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const get = async (path: string, authorization = basic) => {
    const response = await fetch(`${sim!.baseUrl}${path}`, { headers: { authorization } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { result: Record<string, unknown>[] | Record<string, unknown>; error?: { message: string } } };
  };

  it('setIncidentState moves an incident as an agent would: new sys_updated_on on the clock, resolution fields filled in', async () => {
    const s = await start();
    const incident = s.store.list('incident').find((r) => r.state === '2')!;
    clock.advance(90_500);
    const after = s.setIncidentState(incident.number!, 6);
    expect(after).toMatchObject({
      state: { value: '6', display_value: 'Resolved' },
      sys_updated_on: { value: '2026-05-01 00:01:30' },
      close_code: { value: 'Solution provided' },
      resolved_at: { value: '2026-05-01 00:01:30' },
      sys_mod_count: { value: '1' },
    });
    expect(s.incident(incident.sys_id!)).toEqual(after);
    expect(s.setIncidentState(incident.sys_id!, '7', { closeNotes: 'Confirmed by the caller.' })).toMatchObject({ state: { display_value: 'Closed' }, close_notes: { value: 'Confirmed by the caller.' }, active: { value: 'false' } });
    expect(() => s.setIncidentState(incident.sys_id!, 2)).toThrow(/refused/);
    expect(() => s.setIncidentState('INC9999999', 2)).toThrow(/no incident/);
    expect(() => s.setIncidentState(incident.sys_id!, 5)).toThrow(/not an incident state/);
    expect(s.addIncidentComment(s.store.list('incident')[0]!.number!, 'Any news?')).toMatchObject({ comments: { value: '', display_value: expect.stringContaining('Any news?') } });
  });

  it('serves the Table API: encoded queries, ORDERBY, X-Total-Count, Link, display values, reference links', async () => {
    const s = await start();
    const all = await get('/api/now/table/cmdb_ci?sysparm_limit=4');
    expect(all.headers.get('x-total-count')).toBe('8');
    expect(all.headers.get('link')).toMatch(/sysparm_offset=4>;rel="next".*sysparm_offset=4>;rel="last"/);
    const servers = await get('/api/now/table/cmdb_ci?sysparm_query=sys_class_nameINSTANCEOFcmdb_ci_server^ORDERBYDESCname&sysparm_fields=name,manufacturer');
    expect((servers.body.result as Record<string, unknown>[]).map((r) => r.name)).toEqual(['win-0002', 'lnx-0006', 'lnx-0001']);
    expect((servers.body.result as Record<string, unknown>[])[0]!.manufacturer).toEqual({ value: expect.stringMatching(/^[0-9a-f]{32}$/), link: expect.stringContaining('/api/now/table/core_company/') });
    const either = await get('/api/now/table/incident?sysparm_query=state=1^ORstate=7^NQnumber=INC0010003&sysparm_display_value=true&sysparm_fields=number,state');
    expect(either.body.result).toEqual([{ number: 'INC0010001', state: 'New' }, { number: 'INC0010003', state: 'On Hold' }, { number: 'INC0010006', state: 'Closed' }]);
    // A condition on a field the table lacks is ignored, as the instance does.
    expect((await get('/api/now/table/incident?sysparm_query=no_such_field=1')).headers.get('x-total-count')).toBe('6');
    expect((await get('/api/now/table/incidnet')).status).toBe(400);
    expect((await get('/api/now/table/incident/0123456789abcdef0123456789abcdef')).body.error).toMatchObject({ message: 'No Record found' });
    expect(s.requests.every((r) => r.status < 500)).toBe(true);
  });

  it("/oauth_token.do issues client credentials tokens for the client's application user; wrong secrets are 401, other grants 400", async () => {
    const s = await start();
    const token = async (form: Record<string, string>) => {
      const response = await fetch(s.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const { client_id, client_secret } = s.oauthVaultCredentials.credentials as { client_id: string; client_secret: string };
    const good = await token({ grant_type: 'client_credentials', client_id, client_secret });
    expect(good).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 1799, scope: 'useraccount', access_token: expect.any(String) } });
    expect((await get('/api/now/table/incident?sysparm_limit=1', `Bearer ${String(good.body.access_token)}`)).status).toBe(200);
    expect(await token({ grant_type: 'client_credentials', client_id, client_secret: 'wrong' })).toEqual({ status: 401, body: { error_description: 'access_denied', error: 'server_error' } });
    expect((await token({ grant_type: 'password', client_id, client_secret })).status).toBe(400);
    expect((await get('/api/now/table/incident', `Basic ${Buffer.from(`${username}:nope`).toString('base64')}`)).body.error).toMatchObject({ message: 'User Not Authenticated' });
  });

  it('parses encoded queries: ^OR within a condition group, ^NQ between queries, ORDERBY clauses anywhere', () => {
    expect(parseEncodedQuery('active=true^priority=1^ORpriority=2^ORDERBYsys_updated_on^NQnumber=INC1^ORDERBYDESCsys_id')).toEqual({
      queries: [
        [[{ field: 'active', operator: '=', value: 'true' }], [{ field: 'priority', operator: '=', value: '1' }, { field: 'priority', operator: '=', value: '2' }]],
        [[{ field: 'number', operator: '=', value: 'INC1' }]],
      ],
      orderBy: [{ field: 'sys_updated_on', descending: false }, { field: 'sys_id', descending: true }],
    });
  });
});

describe('the contract description', () => {
  it("is the vendor's Table API description with only bearer tokens and the insert's 201 added", () => {
    const vendor = JSON.parse(readFileSync(VENDOR_SPEC, 'utf8')) as Record<string, unknown> & { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const derived = derivedSpec(vendor as never) as unknown as typeof vendor & { security: unknown[]; components: { securitySchemes: Record<string, unknown> } };
    expect(derived.security).toEqual([{ Basic: [] }, { OAuth2Bearer: [] }]);
    expect(derived.components.securitySchemes).toEqual({ Basic: { scheme: 'basic', type: 'http' }, OAuth2Bearer: { type: 'http', scheme: 'bearer' } });
    expect(Object.keys(derived.paths['/api/now/table/{tableName}']!.post!.responses)).toEqual(['200', '201']);
    const { security: _s, components: _c, paths, ...rest } = derived;
    const { security: _vs, components: _vc, paths: vendorPaths, ...vendorRest } = vendor as typeof derived;
    expect(rest).toEqual(vendorRest);
    delete (paths['/api/now/table/{tableName}']!.post!.responses as Record<string, unknown>)['201'];
    expect(paths).toEqual(vendorPaths);
  });
});
