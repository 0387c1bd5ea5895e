import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import { systemClock, type Clock, type Secret } from '@patchbay/types';
import type { AuthApplier } from './auth-applier.ts';

export interface AwsSigV4Options {
  readonly accessKeyId: string;
  readonly secretAccessKey: Secret;
  readonly sessionToken?: Secret;
  readonly region: string;
  /** Signing name (`sts`, `securityhub`, `execute-api`, `s3`). */
  readonly service: string;
  /** Signing time comes from here (default the system clock). */
  readonly clock?: Clock;
  /** Adds `x-amz-content-sha256` (default true, as the AWS SDK does; S3 needs it). */
  readonly applyChecksum?: boolean;
  /** Escape the path again for the canonical request (default true; false for S3). */
  readonly uriEscapePath?: boolean;
}

function toBytes(data: SourceData): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** SHA-256 and HMAC-SHA-256 from node:crypto in the shape the smithy signer wants. */
class NodeSha256 implements Checksum {
  readonly #secret: SourceData | undefined;
  #hash: Hash | Hmac;

  constructor(secret?: SourceData) {
    this.#secret = secret;
    this.#hash = this.#fresh();
  }

  update(chunk: Uint8Array): void {
    this.#hash.update(chunk);
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }

  reset(): void {
    this.#hash = this.#fresh();
  }

  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(this.#secret));
  }
}

/** Headers a previous signer (the AWS SDK's own, with placeholder credentials) may have set. */
const STALE = ['authorization', 'x-amz-date', 'x-amz-security-token'];

/** AWS Signature Version 4 in the Authorization header, signed at send time for every attempt. */
/** `guardduty.eu-west-1.amazonaws.com`, `securityhub-fips.us-gov-west-1.amazonaws.com`, `sts.cn-north-1.amazonaws.com.cn`. */
const REGIONAL_HOST = /^([a-z0-9-]+?)(?:-fips)?\.([a-z]{2}(?:-[a-z]+)+-\d+)\.amazonaws\.com(?:\.cn)?$/;

/**
 * The region a request to a regional AWS endpoint of `service` must be signed for (one instance may read
 * several regions); undefined for any other host (a global endpoint, a proxy, a local simulator).
 */
export function signingRegionOf(hostname: string, service: string): string | undefined {
  const match = REGIONAL_HOST.exec(hostname);
  return match && match[1] === service ? match[2] : undefined;
}

export function awsSigV4(options: AwsSigV4Options): AuthApplier {
  const clock = options.clock ?? systemClock;
  const signer = new SignatureV4({
    credentials: async () => ({
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey.reveal(),
      ...(options.sessionToken ? { sessionToken: options.sessionToken.reveal() } : {}),
    }),
    region: options.region,
    service: options.service,
    sha256: NodeSha256,
    applyChecksum: options.applyChecksum ?? true,
    uriEscapePath: options.uriEscapePath ?? true,
  });
  return {
    async apply(request) {
      for (const name of STALE) delete request.headers[name];
      const query: Record<string, string | string[]> = {};
      for (const [name, value] of request.url.searchParams) {
        const seen = query[name];
        query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
      }
      const signed = await signer.sign(
        {
          method: request.method,
          protocol: request.url.protocol,
          hostname: request.url.hostname,
          ...(request.url.port ? { port: Number(request.url.port) } : {}),
          path: request.url.pathname,
          query,
          headers: { ...request.headers, host: request.url.host },
          body: request.body,
        },
        { signingDate: clock.now(), signingRegion: signingRegionOf(request.url.hostname, options.service) ?? options.region },
      );
      for (const [name, value] of Object.entries(signed.headers)) request.headers[name.toLowerCase()] = value;
    },
  };
}
