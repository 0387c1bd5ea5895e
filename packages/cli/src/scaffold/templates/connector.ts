import type { ScaffoldNames } from '../scaffold-names.ts';

export function connectorFile(n: ScaffoldNames): string {
  return `import { defineConnector } from '@patchbay/sdk';
import { z } from 'zod';
import { ${n.streamBinding} } from './streams/${n.stream}.ts';

export const config = z.object({
  base_url: z.url().describe('API base URL of the ${n.name} tenant'),
  page_size: z.number().int().min(1).max(1000).default(100).describe('Records per page the API is asked for'),
});

export type ${n.typePrefix}Config = z.output<typeof config>;

export default defineConnector({
  id: '${n.id}',
  name: ${JSON.stringify(n.name)},
  vendor: ${JSON.stringify(n.vendor)},
  category: 'other',
  version: '0.1.0',
  description: ${JSON.stringify(`${n.streamTitle} from ${n.name} as OCSF detection findings.`)},
  features: [${JSON.stringify(`${n.streamTitle} as OCSF detection findings, synced incrementally`)}],
  icon: '🔌',
  docsUrl: ${JSON.stringify(n.docsUrl)},
  config,
  auth: [{ type: 'bearer', fields: { token: { help: 'An API token allowed to read ${n.stream}' } } }],
  capabilities: ['ingest'],
  streams: [${n.streamBinding}],
  // Self-hosted or regional tenants: the host comes from base_url. List the vendor's hosts instead when fixed.
  allowedHosts: [{ fromConfig: 'base_url' }],
  rateLimits: { perMinute: 600, burst: 10 },
  minPlatformVersion: '0.1.0',
  validate: async (ctx) => {
    const me = await ctx.http.get<{ tenant: string }>('/v1/me', { operation: 'get-me' });
    return { ok: true, details: { tenant: me.body.tenant } };
  },
});
`;
}
