import { createHttpClient, oauth2Auth, type ConnectorContext } from '@patchbay/sdk';
import { createFakeLogger, type FakeLogger } from '@patchbay/sdk/testing';
import { Secret, type Clock } from '@patchbay/types';
import { crowdstrikeConfig, type CrowdStrikeConfig } from './config.ts';
import { startCrowdStrikeSimulator, type CrowdStrikeSimulatorHandle, type CrowdStrikeSimulatorOptions } from './simulator/index.ts';

/**
 * Test helper: a token source that does what the engine's vault does for this connector, a form POST of
 * client_id and client_secret to the simulator's /oauth2/token, caching the token until a refresh is forced.
 */
export function simulatorTokens(tokenUrl: string, clientId = 'patchbay-test', clientSecret = 'test-secret') {
  let cached: Secret | undefined;
  let fetched = 0;
  return {
    get fetched() {
      return fetched;
    },
    getToken: async (request: { forceRefresh: boolean }) => {
      if (cached && !request.forceRefresh) return cached;
      const response = await fetch(tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret }) });
      if (response.status !== 201) throw new Error(`token endpoint answered ${response.status}`);
      fetched += 1;
      cached = new Secret(((await response.json()) as { access_token: string }).access_token);
      return cached;
    },
  };
}

export interface TestBed {
  readonly ctx: ConnectorContext<CrowdStrikeConfig> & { readonly log: FakeLogger };
  readonly simulator: CrowdStrikeSimulatorHandle;
  close(): Promise<void>;
}

/** The simulator and a connector context whose client reaches it as the engine's does (tokens from its /oauth2/token). */
export async function testBed(clock: Clock, options: Partial<CrowdStrikeSimulatorOptions> = {}, config: Partial<CrowdStrikeConfig> = {}): Promise<TestBed> {
  const simulator = await startCrowdStrikeSimulator({ pageSize: 4, clock, ...options });
  const parsed = crowdstrikeConfig.parse({ ...simulator.configuration, ...config });
  const tokens = simulatorTokens(parsed.token_url!);
  const http = createHttpClient({ baseUrl: parsed.base_url, allowedHosts: ['127.0.0.1'], allowPrivateNetwork: true, auth: oauth2Auth({ getToken: tokens.getToken }), clock });
  const ctx = { config: parsed, http, log: createFakeLogger(), clock, signal: new AbortController().signal, instanceId: 'test' };
  return {
    ctx,
    simulator,
    async close() {
      await http.close();
      await simulator.close();
    },
  };
}
