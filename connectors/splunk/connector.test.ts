import { describe, expect, it } from 'vitest';
import { describeConformance } from '@patchbay/conformance/vitest';
import { describeConnector } from '@patchbay/sdk';
import { splunkConfig } from './config.ts';
import splunk from './connector.ts';
import simulator from './simulator/index.ts';

/**
 * The conformance suite runs the notable-events stream against the simulated REST API. What does not
 * apply, and why (see the README, "Conformance"):
 * - rate-limit-retry-after: Splunk documents no request rate limit (no 429 / Retry-After) for the REST API;
 * - unauthorized-refresh: authentication tokens are static bearer tokens, nothing to refresh after a 401;
 * - changes-between-runs: the simulator has no mutate: an analyst's status change does not move a
 *   notable's _time, so an incremental stream on _time cannot see it (README, "Quirks");
 * - empty-page runs against an empty index; its mid-listing half does not apply: results are paged by
 *   offset over a finished job whose result count is known, so Splunk serves no empty page mid-listing;
 * - contract: Splunk publishes no API description.
 */
describeConformance(splunk, simulator);

describe('the splunk declaration', () => {
  it('is a SIEM destination over HEC and a source of notable events', () => {
    const described = describeConnector(splunk);
    expect(described).toMatchObject({ id: 'splunk', category: 'siem', capabilities: ['destination', 'ingest'] });
    expect(described.destination).toEqual({ formats: ['splunk-hec', 'ocsf-json', 'jsonata'], maxBatchEvents: 500, mode: 'send' });
    expect(described.streams.map((s) => [s.name, s.ocsf, s.fullRefresh])).toEqual([['notable-events', { class: 'detection_finding', classUid: 2004 }, false]]);
    expect(splunk.auth.map((a) => a.type)).toEqual(['bearer', 'api_key']);
    expect(splunk.auth[1]).toMatchObject({ in: 'header', name: 'Authorization', format: 'Splunk {hec_token}' });
  });

  it('keeps credentials out of the configuration and defaults to the ES notable search', () => {
    const config = splunkConfig.parse({ hec_url: 'https://splunk.example.com:8088' });
    expect(config).toMatchObject({ use_ack: false, gzip: true, max_batch_bytes: 1_000_000, notable_search: 'search `notable`', hec_source: 'patchbay', hec_sourcetype: 'ocsf' });
    expect(Object.keys(splunkConfig.shape).filter((k) => /token|secret|password/.test(k))).toEqual([]);
    expect(() => splunkConfig.parse({ hec_channel: 'not-a-guid' })).toThrow();
  });
});
