import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { AWS_PLACEHOLDER_CREDENTIALS, PatchbayAwsRequestHandler, type ConnectorContext } from '@patchbay/sdk';
import type { GuardDutyConfig, GuardDutyRegion } from '../config.ts';
import { sdkHttp } from './sdk-http.ts';

/**
 * GuardDuty in one Region through `ctx.http` (SSRF guard, rate limit, retries on the engine's clock,
 * record/replay). The engine signs each request with the instance's credentials; the SDK's own
 * signature, made with placeholder credentials, is replaced. Endpoint:
 * https://guardduty.<region>.amazonaws.com (https://docs.aws.amazon.com/general/latest/gr/guardduty.html),
 * or the configured `base_url`.
 */
export class RegionalGuardDuty {
  readonly region: GuardDutyRegion;
  readonly client: GuardDutyClient;
  #lastBody: unknown;

  constructor(ctx: ConnectorContext<GuardDutyConfig>, region: GuardDutyRegion, operation: string) {
    const baseUrl = ctx.config.base_url;
    this.region = region;
    const http = sdkHttp(ctx.http, { operation, region, ...(baseUrl ? { baseUrl } : {}), onBody: (body) => (this.#lastBody = body) });
    this.client = new GuardDutyClient({
      region,
      credentials: AWS_PLACEHOLDER_CREDENTIALS,
      requestHandler: new PatchbayAwsRequestHandler(http),
      maxAttempts: 1,
      ...(baseUrl ? { endpoint: baseUrl } : {}),
    });
  }

  /** Sends a command and returns GuardDuty's JSON answer as it came, camelCase, every member kept. */
  async raw<T>(command: object): Promise<T> {
    this.#lastBody = undefined;
    // Any of the client's commands: `send` is overloaded per command, which a union cannot pick.
    await (this.client.send as (command: object) => Promise<unknown>).call(this.client, command);
    return (this.#lastBody ?? {}) as T;
  }
}
