import type { IncomingHttpHeaders } from 'node:http';

/** What the simulator reads from a SigV4 Authorization header. */
export interface PresentedSignature {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
}

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}$/;

/**
 * The SigV4 credential scope of a request (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html):
 * undefined without an Authorization header, null when the header is not a SigV4 signature. The
 * simulator checks the scope (key, Region, service) but does not recompute the signature.
 */
export function presentedSignature(headers: IncomingHttpHeaders): PresentedSignature | null | undefined {
  const header = headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = SIGV4.exec(header);
  if (!match) return null;
  return { accessKeyId: match[1]!, region: match[3]!, service: match[4]! };
}
