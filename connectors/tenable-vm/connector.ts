import { defineConnector } from '@patchbay/sdk';
import { launchScan } from './actions/launch-scan.ts';
import { tenableAuth } from './auth.ts';
import { TENABLE_HOSTS, tenableConfig } from './config.ts';
import { assets } from './streams/assets.ts';
import { scans } from './streams/scans.ts';
import { vulnerabilities } from './streams/vulnerabilities.ts';

interface Session {
  readonly username?: string;
  readonly container_uuid?: string;
  readonly permissions?: number;
}

/**
 * Tenable Vulnerability Management (formerly Tenable.io): vulnerabilities and assets through the export
 * APIs, scans, and launching a scan. See README.md.
 */
export default defineConnector({
  id: 'tenable-vm',
  name: 'Tenable Vulnerability Management',
  vendor: 'Tenable',
  category: 'vulnerability',
  version: '1.0.0',
  description:
    'Syncs vulnerability findings and assets from Tenable Vulnerability Management (formerly Tenable.io) through its export APIs, lists scans, and launches scans.',
  features: [
    'Vulnerabilities incrementally through the vulnerability export API, fixed findings closed',
    'Assets as a device inventory, with deletion detection',
    'Scans and the status of their latest run',
    'Exports resume chunk by chunk after a restart',
    'Launch a scan (with approval), on its targets or alternate ones',
    'CVEs, CVSS v2/v3, plugin and solution mapped to OCSF',
  ],
  icon: '🛡️',
  docsUrl: 'https://github.com/patchbay/patchbay/tree/main/connectors/tenable-vm',
  auth: tenableAuth,
  config: tenableConfig,
  capabilities: ['ingest', 'actions'],
  streams: [vulnerabilities, assets, scans],
  actions: [launchScan],
  allowedHosts: [...TENABLE_HOSTS, { fromConfig: 'base_url' }],
  // Tenable publishes no fixed number: it computes a per-user limit per minute from load and answers
  // 429 with Retry-After (https://developer.tenable.com/docs/rate-limiting). This budget stays well below.
  rateLimits: { perMinute: 300, burst: 10 },
  minPlatformVersion: '0.1.0',
  validate: async (ctx) => {
    // GET /session: the API user the keys belong to (https://developer.tenable.com/reference/session-get).
    const session = await ctx.http.get<Session>('/session', { operation: 'get-session' });
    const { username, container_uuid: container, permissions } = session.body ?? {};
    return { ok: true, details: { username, container_uuid: container, permissions } };
  },
});
