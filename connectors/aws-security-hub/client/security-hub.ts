import {
  SecurityHubClient,
  type BatchUpdateFindingsCommand,
  type DescribeHubCommand,
  type GetFindingsCommand,
  type ListFindingAggregatorsCommand,
  type SecurityHubClientConfig,
} from '@aws-sdk/client-securityhub';
import { AWS_PLACEHOLDER_CREDENTIALS, PatchbayAwsRequestHandler, type ConnectorContext } from '@patchbay/sdk';
import type { SecurityHubConfig } from '../config.ts';
import { securityHubHost } from '../regions.ts';
import { sdkHttp } from './sdk-http.ts';
import { vendorError, type VendorErrorContext } from './vendor-error.ts';

/** The Security Hub commands the connector sends. */
export type SecurityHubCommand = GetFindingsCommand | BatchUpdateFindingsCommand | DescribeHubCommand | ListFindingAggregatorsCommand;

/**
 * The SDK's signer, replaced: requests leave the SDK unsigned and are signed once, by the engine's
 * `aws` applier on `ctx.http` (SigV4 with the instance's keys or role session, for every attempt).
 * Without it the SDK would sign with the placeholder credentials and the applier would sign again.
 */
const unsigned: NonNullable<SecurityHubClientConfig['signer']> = { sign: async (request) => request };

/** The endpoint: `base_url` when configured (a VPC endpoint, a test server), else the home Region's. */
export function endpointOf(config: SecurityHubConfig): string {
  return (config.base_url ?? `https://${securityHubHost(config.region)}`).replace(/\/+$/, '');
}

/**
 * Security Hub in the home Region through `ctx.http` (SSRF guard, rate limit, retries on the engine's
 * clock, record/replay): an AWS SDK v3 `SecurityHubClient` with `PatchbayAwsRequestHandler`, static
 * placeholder credentials, no signer of its own and no retries of its own (`maxAttempts: 1`).
 */
export class SecurityHub {
  readonly client: SecurityHubClient;
  readonly #operation: string;
  /** `send`, for any of the commands: its overloads take one command type at a time, not a union. */
  readonly #send: (command: SecurityHubCommand) => Promise<unknown>;
  #lastBody: unknown;

  constructor(ctx: ConnectorContext<SecurityHubConfig>, operation: string) {
    const baseUrl = ctx.config.base_url;
    this.#operation = operation;
    const http = sdkHttp(ctx.http, { operation, ...(baseUrl ? { baseUrl } : {}), onBody: (body) => (this.#lastBody = body) });
    this.client = new SecurityHubClient({
      region: ctx.config.region,
      endpoint: endpointOf(ctx.config),
      credentials: AWS_PLACEHOLDER_CREDENTIALS,
      signer: unsigned,
      requestHandler: new PatchbayAwsRequestHandler(http),
      maxAttempts: 1,
    });
    this.#send = this.client.send.bind(this.client) as (command: SecurityHubCommand) => Promise<unknown>;
  }

  /**
   * Sends a command and returns Security Hub's JSON answer as it came, every member kept (the SDK's
   * typed output drops members its model lacks, such as `FindingProviderFields.Severity.Normalized`).
   * The SDK's exceptions come back as PatchbayErrors (./vendor-error.ts).
   */
  async raw<T>(command: SecurityHubCommand, context: Omit<VendorErrorContext, 'operation'> = {}): Promise<T> {
    this.#lastBody = undefined;
    try {
      await this.#send(command);
    } catch (error) {
      throw vendorError(error, { operation: this.#operation, ...context });
    }
    return (this.#lastBody ?? {}) as T;
  }
}
