import type { HttpClient, HttpRequest, HttpResponse } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/**
 * GuardDuty's modelled errors the AWS SDK parses into typed exceptions (BadRequestException 400,
 * ResourceNotFoundException 404, ConflictException 409; botocore guardduty/2017-11-28). Everything else
 * is `ctx.http`'s to classify: 401, 403 (AccessDeniedException names the permission), 429 and 5xx,
 * which it retries with backoff and Retry-After on the engine's clock.
 */
const SDK_HANDLED = [400, 404, 409] as const;

export const REGION_HEADER = 'x-patchbay-aws-region';

export interface SdkHttpOptions {
  /** Names the calls in logs, metrics and permission errors: the stream or action name. */
  readonly operation: string;
  /** The configured `base_url`: its URLs are sent relative, so the engine's connection URL (a proxy) applies. */
  readonly baseUrl?: string;
  /**
   * With `baseUrl`, the Region the request is for, sent as `x-patchbay-aws-region`: every Region then
   * shares one URL, and the engine signs every request for `home_region`, so the receiver (a proxy, the
   * simulator) could not tell the Regions apart otherwise.
   */
  readonly region?: string;
  /** Receives each 2xx JSON body as GuardDuty sent it (the SDK's typed output drops members its model lacks). */
  readonly onBody?: (body: unknown) => void;
}

function relativeTo(url: string, baseUrl: string | undefined): string {
  if (baseUrl === undefined) return url;
  const base = baseUrl.replace(/\/+$/, '');
  return url.startsWith(`${base}/`) || url === base ? url.slice(base.length) || '/' : url;
}

function isJson(response: HttpResponse): boolean {
  return /json/i.test(response.headers.get('content-type') ?? '');
}

/**
 * The parsed body of a 2xx JSON answer (undefined for others). One that does not parse fails here with
 * VENDOR_BAD_RESPONSE: the SDK would fail with a bare SyntaxError.
 */
function parsedBody(response: HttpResponse<Uint8Array>, operation: string): unknown {
  if (response.status < 200 || response.status >= 300 || !isJson(response) || response.body.byteLength === 0) return undefined;
  try {
    return JSON.parse(Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength).toString('utf8')) as unknown;
  } catch (cause) {
    throw new PatchbayError('VENDOR_BAD_RESPONSE', { message: `GuardDuty answered ${operation} with JSON that does not parse`, details: { operation, status: response.status }, cause });
  }
}

/**
 * The `ctx.http` the AWS SDK's request handler sends through: the SDK is built with `maxAttempts: 1`,
 * and this client takes back the retries (`PatchbayAwsRequestHandler` turns them off so the SDK's own
 * strategy, which sleeps on real timers, would do them). GuardDuty's reads and the archive calls are
 * idempotent, so retrying them is safe.
 */
export function sdkHttp(http: HttpClient, options: SdkHttpOptions): HttpClient {
  const request = async <T>(req: HttpRequest): Promise<HttpResponse<T>> => {
    const { retry: _retry, acceptStatus: _accept, ...rest } = req;
    const headers = options.baseUrl !== undefined && options.region !== undefined ? { ...req.headers, [REGION_HEADER]: options.region } : req.headers;
    const response = await http.request<Uint8Array>({ ...rest, ...(headers ? { headers } : {}), url: relativeTo(req.url, options.baseUrl), operation: options.operation, acceptStatus: SDK_HANDLED });
    const parsed = parsedBody(response, options.operation);
    if (parsed !== undefined) options.onBody?.(parsed);
    return response as HttpResponse<T>;
  };
  return {
    request,
    get: (url, rest = {}) => request({ ...rest, url, method: 'GET' }),
    post: (url, body, rest = {}) => request({ ...rest, url, method: 'POST', body }),
  };
}
