import { defineConnector } from '@patchbay/sdk';
import { httpJsonAuth } from './auth.ts';
import { httpJsonConfig } from './config.ts';
import { inventory } from './streams/inventory.ts';
import { records } from './streams/records.ts';

/**
 * Generic HTTP JSON: any REST API that lists records as JSON, for sources no built-in connector covers
 * yet. Configurable URL, auth, pagination, record path and cursor field; see README.md.
 */
export default defineConnector({
  id: 'http-json',
  name: 'HTTP JSON',
  vendor: 'Patchbay',
  category: 'other',
  version: '1.0.0',
  description: 'Syncs records from any REST API that lists them as JSON: configurable URL, auth, pagination, record path and cursor field, mapped to OCSF.',
  features: [
    'Cursor, offset, page-number and Link-header pagination',
    'Incremental sync on a last-modified field, oldest-first or newest-first',
    'Full refresh with deletion detection when there is no such field',
    'API key, basic, bearer and OAuth2 client-credentials auth',
    'OCSF base events or detection findings; unmapped fields kept',
  ],
  icon: '🔌',
  docsUrl: 'https://github.com/patchbay/patchbay/tree/main/connectors/http-json',
  auth: httpJsonAuth,
  config: httpJsonConfig,
  capabilities: ['ingest'],
  streams: [records, inventory],
  allowedHosts: [{ fromConfig: 'base_url' }],
  minPlatformVersion: '0.1.0',
  validate: async (ctx) => {
    const response = await ctx.http.get(ctx.config.path, { query: ctx.config.query, operation: 'records' });
    return { ok: true, details: { status: response.status } };
  },
});
