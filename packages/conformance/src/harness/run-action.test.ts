import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiKeyAuth, defineAction, defineConnector } from '@patchbay/sdk';
import { startLocalServer, type LocalServer } from '@patchbay/sdk/testing';
import { ManualClock, Secret } from '@patchbay/types';
import { planAction, runAction } from './run-action.ts';

const containHost = defineAction({
  name: 'contain-host',
  title: 'Contain host',
  description: 'Network-isolates a host.',
  input: z.object({ device_id: z.string().min(1) }),
  output: z.object({ accepted: z.boolean() }),
  readOnly: false,
  reverse: 'lift-containment',
  impact: 'high',
  category: 'contain',
  permissions: ['Hosts:write'],
  run: async (ctx, input) => {
    const response = await ctx.http.post<{ accepted: boolean }>('/contain', { id: input.device_id });
    return response.body;
  },
  plan: (_ctx, input) => [{ method: 'POST', url: '/contain', body: { id: input.device_id } }],
});

const liftContainment = defineAction({ ...containHost, name: 'lift-containment', reverse: 'contain-host', impact: 'low', plan: undefined });

const connector = defineConnector({
  id: 'action-probe',
  name: 'Action probe',
  vendor: 'Patchbay',
  category: 'edr',
  version: '1.0.0',
  description: 'A connector for the action harness tests.',
  features: ['Contains hosts'],
  icon: '🧪',
  docsUrl: 'https://example.com/docs',
  auth: [{ type: 'api_key', in: 'header', name: 'X-Key', label: 'Key' }],
  config: z.object({ base_url: z.string().url() }),
  capabilities: ['actions'],
  actions: [containHost, liftContainment],
  allowedHosts: [{ fromConfig: 'base_url' }],
  minPlatformVersion: '0.1.0',
});

describe('runAction and planAction', () => {
  let server: LocalServer | undefined;
  afterEach(async () => server?.close());

  async function start(answer: { status: number; body: unknown }) {
    server = await startLocalServer((_req, res) => {
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
    return { connector, simulator: { configuration: { base_url: server.url } }, clock: new ManualClock('2026-01-01T00:00:00Z') };
  }

  it('runs an action with parsed input through the connector context and checks its output', async () => {
    const options = await start({ status: 200, body: { accepted: true } });
    await expect(runAction(options, 'contain-host', { device_id: 'd-1' })).resolves.toEqual({ accepted: true });
    expect(server!.requests).toHaveLength(1);
    expect(JSON.parse(server!.requests[0]!.body)).toEqual({ id: 'd-1' });
    expect(server!.requests[0]!.headers['x-key']).toBe('conformance-api-key');
    const custom = await runAction({ ...options, auth: apiKeyAuth({ in: 'header', name: 'X-Key', value: new Secret('mine') }) }, 'lift-containment', { device_id: 'd-1' });
    expect(custom).toEqual({ accepted: true });
    expect(server!.requests[1]!.headers['x-key']).toBe('mine');
  });

  it('refuses bad input, unknown actions and output that breaks the schema', async () => {
    const options = await start({ status: 200, body: { accepted: 'yes' } });
    await expect(runAction(options, 'contain-host', { device_id: '' })).rejects.toThrow();
    await expect(runAction(options, 'block-ip', {})).rejects.toThrow('declares no action named block-ip');
    await expect(runAction(options, 'contain-host', { device_id: 'd-1' })).rejects.toThrow();
  });

  it('surfaces vendor errors and plans without sending', async () => {
    const options = await start({ status: 404, body: { error: 'no such device' } });
    await expect(runAction(options, 'contain-host', { device_id: 'gone' })).rejects.toMatchObject({ code: 'VENDOR_REQUEST_REJECTED', details: expect.objectContaining({ status: 404 }) });
    const requests = server!.requests.length;
    await expect(planAction(options, 'contain-host', { device_id: 'd-2' })).resolves.toEqual([{ method: 'POST', url: '/contain', body: { id: 'd-2' } }]);
    expect(server!.requests.length).toBe(requests);
    await expect(planAction(options, 'lift-containment', { device_id: 'd-2' })).rejects.toThrow('declares no plan');
  });
});
