import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeConformance } from '@patchbay/conformance/vitest';
import { describeConnector, hostMatches } from '@patchbay/sdk';
import { ManualClock } from '@patchbay/types';
import { MONITOR_AUDIENCE, MONITOR_AUDIENCE_CHINA, MONITOR_AUDIENCE_US_GOVERNMENT, perHostTargets } from './auth.ts';
import { sentinelConfig, tokenUrlOf, uploadUrlOf } from './config.ts';
import connector from './connector.ts';
import simulator, { startSentinelSimulator } from './simulator/index.ts';

// A destination has no stream to sync (SPEC 11.4): every sync check, the fault and contract scenarios
// included, reports itself not applicable; the same faults and the Prism contract are tested on sends in
// vendor-errors.test.ts and contract.test.ts.
describeConformance(connector, simulator);

const valid = { tenant_id: '3f9a2c1e-6b7d-4e8f-9a0b-1c2d3e4f5a6b', endpoint: 'https://patchbay-dcr-k2x9.westeurope-1.ingest.monitor.azure.com', dcr_immutable_id: 'dcr-4c0f3e8a9b2d4f6e8a1c3e5f7b9d0a2c', stream_name: 'Custom-PatchbayEvents' };

describe('the microsoft-sentinel declaration', () => {
  it('is a stateless destination in ocsf-json (default) and jsonata, category siem', () => {
    expect(connector).toMatchObject({ id: 'microsoft-sentinel', category: 'siem', capabilities: ['destination'] });
    expect(connector.streams ?? []).toEqual([]);
    expect(describeConnector(connector).destination).toEqual({ formats: ['ocsf-json', 'jsonata'], maxBatchEvents: 500, mode: 'send' });
    expect(connector.rateLimits).toEqual({ perMinute: 12_000, burst: 100 });
  });

  it('parses the configuration with its defaults, and refuses what the API would', () => {
    expect(sentinelConfig.parse(valid)).toEqual({ ...valid, gzip: true, max_bytes_per_call: 1_000_000, login_url: 'https://login.microsoftonline.com' });
    const refused = (patch: Record<string, unknown>) => sentinelConfig.safeParse({ ...valid, ...patch }).success;
    expect(refused({ dcr_immutable_id: 'c512b59c-4005-40e2-b13d-ac29cfb46af4' })).toBe(false);
    expect(refused({ dcr_immutable_id: 'dcr-123' })).toBe(false);
    expect(refused({ stream_name: 'PatchbayEvents' })).toBe(false);
    expect(refused({ stream_name: 'Custom-Patchbay/../x' })).toBe(false);
    expect(refused({ stream_name: 'Microsoft-CommonSecurityLog' })).toBe(true);
    expect(refused({ max_bytes_per_call: 2_000_000 })).toBe(false);
    expect(refused({ endpoint: 'ftp://x.example' })).toBe(false);
  });

  it('builds the upload URL and the tenant token URL', () => {
    const config = sentinelConfig.parse({ ...valid, endpoint: `${valid.endpoint}/` });
    expect(uploadUrlOf(config)).toBe(`${valid.endpoint}/dataCollectionRules/${valid.dcr_immutable_id}/streams/Custom-PatchbayEvents`);
    expect(tokenUrlOf(config)).toBe(`https://login.microsoftonline.com/${valid.tenant_id}/oauth2/v2.0/token`);
    const method = connector.auth[0]!;
    expect(method).toMatchObject({ type: 'oauth2_client_credentials', clientAuth: 'body', scopes: ['https://monitor.azure.com/.default'] });
  });

  it('asks for the Azure Monitor token of the cloud the endpoint is in', () => {
    const audienceOf = (host: string) => perHostTargets.find((t) => hostMatches(t.host, host))?.audience;
    expect(audienceOf('patchbay-dcr-k2x9.westeurope-1.ingest.monitor.azure.com')).toBe(MONITOR_AUDIENCE);
    expect(audienceOf('my-dce.usgovvirginia-1.ingest.monitor.azure.us')).toBe(MONITOR_AUDIENCE_US_GOVERNMENT);
    expect(audienceOf('my-dce.chinanorth3-1.ingest.monitor.azure.cn')).toBe(MONITOR_AUDIENCE_CHINA);
    expect(audienceOf('graph.microsoft.com')).toBeUndefined();
    expect(perHostTargets.map((t) => t.scopes)).toEqual([['https://monitor.azure.com/.default'], ['https://monitor.azure.us/.default'], ['https://monitor.azure.cn/.default']]);
  });

  it('is pointed at its simulator by the configuration the simulator hands out', async () => {
    const sim = await startSentinelSimulator({ pageSize: 5, clock: new ManualClock('2026-05-01T00:00:00Z') });
    try {
      const config = sentinelConfig.parse(sim.configuration);
      expect(tokenUrlOf(config)).toBe(sim.tokenUrl);
      expect(uploadUrlOf(config)).toBe(`${sim.baseUrl}/dataCollectionRules/${config.dcr_immutable_id}/streams/${config.stream_name}`);
      expect(sim.streams).toEqual([]);
      expect(sim.vaultCredentials).toMatchObject({ authType: 'azure_ad', credentials: { authority_host: sim.baseUrl, scopes: ['https://monitor.azure.com/.default'] } });
    } finally {
      await sim.close();
    }
  });
});

describe('README and CHANGELOG', () => {
  const readme = readFileSync(new URL('README.md', import.meta.url), 'utf8');
  const changelog = readFileSync(new URL('CHANGELOG.md', import.meta.url), 'utf8');
  const pkg = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as { name: string; version: string };

  it('covers what connector-quality.md asks of a README', () => {
    for (const section of ['## Setting it up in Azure', '## Credentials', '## Configuration', '## Rows', '## Errors', '## Rate limits', '## Quirks', '## Tests', '## Connector-quality items that do not apply', '## References']) {
      expect(readme, section).toContain(section);
    }
    expect(readme).toContain('Monitoring Metrics Publisher');
    expect(readme).toContain('https://monitor.azure.com/.default');
    // The pages followed for the endpoint, the limits and the token.
    for (const page of ['logs/logs-ingestion-api-overview', 'fundamentals/service-limits#logs-ingestion-api', 'logs/tutorial-logs-ingestion-code', 'v2-oauth2-client-creds-grant-flow']) expect(readme).toContain(`https://learn.microsoft.com/en-us/${page.startsWith('v2') ? 'entra/identity-platform/' : 'azure/azure-monitor/'}${page}`);
    // Every configuration field is documented.
    for (const field of Object.keys(sentinelConfig.shape)) expect(readme, field).toContain(`| \`${field}\` |`);
    // The sync-related checks that do not apply are listed with a reason.
    for (const check of ['rate-limit-retry-after', 'unauthorized-refresh', 'server-error-burst', 'contract', 'full sync', 'checkpoint round trip', 'restart mid-sync', 'deletion detection', 'patchbay normalize']) expect(readme, check).toContain(check);
  });

  it('has a CHANGELOG section for the declared version, and the package says the same version', () => {
    expect(changelog).toMatch(new RegExp(`^## ${connector.version.replaceAll('.', '\\.')}$`, 'm'));
    expect(pkg).toMatchObject({ name: `@patchbay/connector-${connector.id}`, version: connector.version });
  });
});
