import { FaultQueue, type SimulatorFactory, type SimulatorHandle, type SimulatorOptions, type SimulatorRequest, type VaultCredentials } from '@patchbay/conformance';
import { DEFAULT_HEC_TOKEN, startHecReceiver, type HecReceiver, type HecToken } from './hec/receiver.ts';
import { NotableIndex } from './search/notable-index.ts';
import { startRestApi } from './search/rest-api.ts';
import { SearchJobs } from './search/search-jobs.ts';

export { DEFAULT_HEC_TOKEN, startHecReceiver, type HecReceiver, type HecRequest, type HecToken, type IndexedEvent, type ReceivedEvent } from './hec/receiver.ts';

export interface SplunkSimulatorOptions extends SimulatorOptions {
  /** HEC tokens (default: DEFAULT_HEC_TOKEN with indexer acknowledgement on). */
  readonly hecTokens?: readonly HecToken[];
  /** How long after acceptance a HEC request's ack turns true, on the clock (default 0). */
  readonly ackDelayMs?: number;
  /** How long a search job runs before it is DONE, on the clock (default 1.5 s). */
  readonly searchDurationMs?: number;
}

export interface SplunkSimulatorHandle extends SimulatorHandle {
  /** The HTTP Event Collector (its own port, as HEC's 8088 is apart from the management port). */
  readonly hec: HecReceiver;
  /** An instance configuration that uses the collector (with indexer acknowledgement). */
  readonly hecConfiguration: Readonly<Record<string, unknown>>;
  /** The HEC token in the vault's form: an api_key credential sent as `Authorization: Splunk <token>`. */
  readonly hecCredentials: VaultCredentials;
  readonly index: NotableIndex;
  readonly jobs: SearchJobs;
}

const STREAM = 'notable-events';

/**
 * A stateful Splunk on 127.0.0.1: the REST API (management port) with search jobs over a seeded notable
 * index (search/rest-api.ts), and an HTTP Event Collector with tokens, channels, indexer acknowledgement,
 * gzip and HEC's error codes (hec/receiver.ts). Faults injected through the conformance FaultQueue hit
 * whichever of the two the next request goes to: 503 (server-errors; HEC answers "Server is busy",
 * code 9), a cut-short 200 (malformed-json), and an expired search job on a results page after the first
 * (expire-page-token: 404 "Unknown sid.", as when a job's ttl passed).
 */
export async function startSplunkSimulator(options: SplunkSimulatorOptions): Promise<SplunkSimulatorHandle> {
  const { clock } = options;
  const faults = new FaultQueue({ continuationOnly: ['expire-page-token'] });
  const requests: SimulatorRequest[] = [];
  const index = new NotableIndex(clock);
  const jobs = new SearchJobs(clock, options.searchDurationMs ?? 1500);
  const rest = await startRestApi({ index, jobs, faults, requests });
  const hec = await startHecReceiver({ clock, ...(options.hecTokens ? { tokens: options.hecTokens } : {}), ackDelayMs: options.ackDelayMs ?? 0, faults });
  const checkStream = (stream: string) => {
    if (stream !== STREAM) throw new Error(`The Splunk simulator has no stream ${stream}`);
  };
  return {
    baseUrl: rest.url,
    configuration: { base_url: rest.url, page_size: options.pageSize, start_days_ago: 1, window_hours: 24 },
    hecConfiguration: { hec_url: hec.url, use_ack: true, ack_poll_ms: 200 },
    // Splunk lists events newest first: the connector sorts each window itself.
    capabilities: { faults: ['server-errors', 'expire-page-token', 'malformed-json'], newestFirst: true, equalTimestampsAtBoundary: true },
    streams: [STREAM],
    // Any bearer token is an authentication token of the user `patchbay` (an ES analyst).
    vaultCredentials: { authType: 'bearer', credentials: { token: 'simulated-splunk-authentication-token' } },
    hecCredentials: { authType: 'api_key', credentials: { api_key: hec.tokens[0]?.value ?? DEFAULT_HEC_TOKEN, header_name: 'Authorization', prefix: 'Splunk ' } },
    seed(stream, seed) {
      checkStream(stream);
      index.seed(seed.count, seed.equalTimestampsAtBoundary ? options.pageSize : undefined);
    },
    records(stream) {
      checkStream(stream);
      return index.all();
    },
    inject: (fault, timing) => faults.add(fault, timing),
    requests,
    hec,
    index,
    jobs,
    async close() {
      await rest.close();
      await hec.close();
    },
  };
}

/** The conformance suite's entry point: the notable-events stream against the simulated REST API. */
const simulator: SimulatorFactory = (options) => startSplunkSimulator(options);
export default simulator;
