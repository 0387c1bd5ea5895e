import { apiKeyAuth, bearerAuth, createHttpClient, type ConnectorContext } from '@patchbay/sdk';
import { createFakeLogger, type FakeLogger } from '@patchbay/sdk/testing';
import { ManualClock, Secret } from '@patchbay/types';
import { startHttpJsonSimulator, type HttpJsonSimulatorOptions } from '../simulator/index.ts';
import { httpJsonConfig, type HttpJsonConfig } from '../config.ts';

export interface StreamTestBed {
  readonly ctx: ConnectorContext<HttpJsonConfig> & { readonly log: FakeLogger };
  readonly simulator: Awaited<ReturnType<typeof startHttpJsonSimulator>>;
  close(): Promise<void>;
}

/**
 * For the stream tests that need no database: the simulator on 127.0.0.1 and a connector context whose
 * client reaches it the way the engine's does (allowPrivateNetwork, as an admin sets it for local APIs).
 */
export async function streamTestBed(options: Partial<HttpJsonSimulatorOptions> & { readonly apiKeyInQuery?: boolean; readonly config?: Partial<HttpJsonConfig> } = {}): Promise<StreamTestBed> {
  const clock = new ManualClock('2026-05-01T00:00:00Z');
  const simulator = await startHttpJsonSimulator({ pageSize: 4, clock, ...options });
  const config = httpJsonConfig.parse({ ...simulator.configuration, ...options.config });
  const auth = options.apiKeyInQuery ? apiKeyAuth({ in: 'query', name: 'api_key', value: new Secret('key-123') }) : bearerAuth({ token: new Secret('token-123') });
  const http = createHttpClient({ baseUrl: config.base_url, allowedHosts: ['127.0.0.1'], allowPrivateNetwork: true, auth, clock });
  const ctx = { config, http, log: createFakeLogger(), clock, signal: new AbortController().signal, instanceId: 'test' };
  return {
    ctx,
    simulator,
    async close() {
      await http.close();
      await simulator.close();
    },
  };
}
