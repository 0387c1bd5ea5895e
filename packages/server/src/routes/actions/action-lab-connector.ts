import { z } from 'zod';
import { defineAction, defineConnector } from '@patchbay/sdk';

const config = z.object({ base_url: z.string() });
type Config = z.output<typeof config>;

const hostInput = z.object({ host: z.string().regex(/^[a-z0-9-]+$/, 'must be a host name'), ticket_token: z.string().optional() });
const hostOutput = z.object({ host: z.string(), state: z.string() });

function hostAction(name: string, path: string, reverse: string, impact: 'high' | 'low') {
  return defineAction<typeof hostInput, typeof hostOutput, Config>({
    name,
    title: name,
    description: `Test action ${name}`,
    input: hostInput,
    output: hostOutput,
    readOnly: false,
    reverse,
    impact,
    category: 'contain',
    permissions: ['hosts:write'],
    run: async (ctx, input) => (await ctx.http.request<z.input<typeof hostOutput>>({ method: 'POST', url: path, body: { host: input.host }, operation: name })).body,
    plan: (_ctx, input) => [{ method: 'POST', url: path, body: { host: input.host }, operation: name }],
  });
}

/** Test-only: a vendor with a reversible high-impact pair, a low-impact reversible pair and a lookup, over a local server. */
export const actionLabConnector = defineConnector({
  id: 'action-lab',
  name: 'Action Lab',
  vendor: 'Patchbay tests',
  category: 'other',
  version: '1.0.0',
  description: 'Actions against a local server for API tests',
  features: ['tests'],
  icon: '🧪',
  docsUrl: 'https://example.invalid/action-lab',
  auth: [{ type: 'api_key', in: 'header', name: 'X-Api-Key' }],
  config,
  capabilities: ['actions'],
  allowedHosts: [{ fromConfig: 'base_url' }],
  minPlatformVersion: '0.1.0',
  actions: [
    hostAction('isolate-host', '/isolate', 'release-host', 'high'),
    hostAction('release-host', '/release', 'isolate-host', 'high'),
    hostAction('tag-host', '/tag', 'untag-host', 'low'),
    hostAction('untag-host', '/untag', 'tag-host', 'low'),
    defineAction<typeof hostInput, typeof hostOutput, Config>({
      name: 'lookup-host',
      title: 'Look up a host',
      description: 'Reads a host',
      input: hostInput,
      output: hostOutput,
      readOnly: true,
      impact: 'low',
      category: 'investigate',
      permissions: ['hosts:read'],
      run: async (ctx, input) => (await ctx.http.request<z.input<typeof hostOutput>>({ method: 'GET', url: `/hosts/${input.host}`, operation: 'lookup-host' })).body,
    }),
  ],
});
