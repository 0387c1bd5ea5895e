import type { Clock } from '@patchbay/types';

/**
 * The contract between the conformance suite and a connector's simulator: a stateful local server that
 * follows the vendor's documented protocol. Each connector ships `connectors/<id>/simulator/index.ts`
 * whose default export is a `SimulatorFactory`.
 */

/** A failure the suite asks the simulator to produce; the suite knows what each one must lead to. */
export type Fault =
  /** 429 with `Retry-After: retryAfterSeconds`, once. */
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds: number }
  /** 401 for the credential in use, until a different (fresh) credential arrives. */
  | { readonly kind: 'unauthorized-once' }
  /** `count` consecutive 5xx answers. */
  | { readonly kind: 'server-errors'; readonly count: number }
  /** The next request that carries a page token finds it expired, as the vendor reports that. */
  | { readonly kind: 'expire-page-token' }
  /** A 200 whose JSON body is cut short. */
  | { readonly kind: 'malformed-json' }
  /** The next continuation page has no items but the listing goes on. */
  | { readonly kind: 'empty-page' };

export type FaultKind = Fault['kind'];

export const faultKinds = ['rate-limit', 'unauthorized-once', 'server-errors', 'expire-page-token', 'malformed-json', 'empty-page'] as const satisfies readonly FaultKind[];

export interface InjectTiming {
  /** Let this many requests through untouched first (default 0: the next request). */
  readonly afterRequests?: number;
}

export interface SimulatorOptions {
  /** Records per page the simulated vendor serves (the configuration it hands out asks for this size). */
  readonly pageSize: number;
  /** The engine's clock: the simulated vendor stamps new and changed records with its time. */
  readonly clock: Clock;
  /** Serve listings newest first (only when the simulator's capabilities say it can). */
  readonly newestFirst?: boolean;
}

export interface SeedOptions {
  readonly count: number;
  /** The last record of each page and the first of the next share one timestamp (in the order served). */
  readonly equalTimestampsAtBoundary?: boolean;
}

/** A change at the vendor between two runs. */
export interface Mutation {
  readonly create?: number;
  readonly update?: number;
  readonly delete?: number;
}

export interface SimulatorCapabilities {
  /** The faults this simulated vendor can produce (a vendor without page tokens cannot expire one). */
  readonly faults: readonly FaultKind[];
  readonly newestFirst: boolean;
  readonly equalTimestampsAtBoundary: boolean;
}

/** One request the simulator answered. */
export interface SimulatorRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  /** The injected fault this answer carried, if any. */
  readonly fault?: FaultKind;
}

/** An API description the connector's traffic is checked against under Prism. */
export interface ContractSpec {
  /** Absolute path of the OpenAPI (or Swagger) document. */
  readonly spec: string;
  /** Where it comes from: the vendor's own description, or (for generic connectors) ours. */
  readonly source: string;
}

export interface VaultCredentials {
  /** A vault auth type: `api_key`, `basic`, `bearer`, `aws`, `azure_ad`, `oauth2_client_credentials`... */
  readonly authType: string;
  readonly credentials: Readonly<Record<string, unknown>>;
}

export interface SimulatorHandle {
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  /** A connector instance configuration that points at this simulator and asks for its page size. */
  readonly configuration: Readonly<Record<string, unknown>>;
  readonly capabilities: SimulatorCapabilities;
  /** The connector streams this simulator serves data for; other streams must sync nothing. */
  readonly streams: readonly string[];
  readonly contract?: ContractSpec;
  /**
   * Credentials this simulated vendor accepts, in the vault's form (an auth config's `auth_type` and
   * `credentials`, token URLs pointing at the simulator), for end-to-end tests through the API.
   * Absent for public feeds.
   */
  readonly vaultCredentials?: VaultCredentials;
  /** Adds `count` records to a stream, stamped before the clock's now. */
  seed(stream: string, options: SeedOptions): void;
  /** The stream's records as the vendor holds them now, in the form the stream's `map` takes. */
  records(stream: string): readonly unknown[];
  /** Creates, updates (with a new timestamp) and deletes records at the vendor. */
  mutate?(stream: string, mutation: Mutation): void;
  inject(fault: Fault, timing?: InjectTiming): void;
  /** Every request answered so far, in order. */
  readonly requests: readonly SimulatorRequest[];
  close(): Promise<void>;
}

export type SimulatorFactory = (options: SimulatorOptions) => Promise<SimulatorHandle>;
