import type { HttpClient, HttpRequest, HttpResponse } from '@patchbay/sdk';
import { PatchbayError } from '@patchbay/types';

/**
 * Security Hub's modelled client errors, handed back to the AWS SDK to parse into typed exceptions
 * (botocore securityhub 2018-10-26: InvalidInputException 400, ResourceNotFoundException 404); see
 * ./vendor-error.ts. Everything else is `ctx.http`'s to classify: 401 (InvalidAccessException), 403
 * (IAM denials, signature and token errors), 429 (TooManyRequestsException, LimitExceededException)
 * and 5xx, which it retries with backoff and Retry-After on the engine's clock.
 */
export const SDK_HANDLED: readonly number[] = [400, 404];

export interface SdkHttpOptions {
  /** Names the calls in logs, metrics and permission errors: the stream or action name (its declared permissions). */
  readonly operation: string;
  /** The configured `base_url`: URLs under it are sent relative, so the engine's connection URL (a proxy) applies. */
  readonly baseUrl?: string;
  /** Receives each 2xx JSON body as Security Hub sent it (the SDK's typed output drops members its model lacks). */
  readonly onBody?: (body: unknown) => void;
}

function relativeTo(url: string, baseUrl: string | undefined): string {
  if (baseUrl === undefined) return url;
  const base = baseUrl.replace(/\/+$/, '');
  return url.startsWith(`${base}/`) || url === base ? url.slice(base.length) || '/' : url;
}

/**
 * The parsed body of a 2xx JSON answer (undefined for others). One that does not parse fails here with
 * VENDOR_BAD_RESPONSE: the SDK would fail with a bare SyntaxError.
 */
function parsedBody(response: HttpResponse<Uint8Array>, operation: string): unknown {
  if (response.status < 200 || response.status >= 300 || response.body.byteLength === 0) return undefined;
  if (!/json/i.test(response.headers.get('content-type') ?? '')) return undefined;
  try {
    return JSON.parse(Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength).toString('utf8')) as unknown;
  } catch (cause) {
    throw new PatchbayError('VENDOR_BAD_RESPONSE', {
      message: `Security Hub answered ${operation} with JSON that does not parse`,
      hint: 'Security Hub or a proxy in front of it may be failing; the next run reads the page again.',
      details: { operation, status: response.status },
      cause,
    });
  }
}

/**
 * The SDK's JSON request body is a Uint8Array subclass whose string methods (and `valueOf`, which
 * `Buffer.from` calls) warn and are to throw in later SDK versions: send plain bytes.
 */
function plainBody(body: unknown): unknown {
  return body instanceof Uint8Array && body.constructor !== Uint8Array ? new Uint8Array(body) : body;
}

/**
 * The `ctx.http` the AWS SDK's request handler sends through. `PatchbayAwsRequestHandler` asks for one
 * attempt and every status back, for an SDK doing its own retries; the SDK client here is built with
 * `maxAttempts: 1`, so this client takes the retries back (on the engine's clock, re-signed each
 * attempt) and returns only SDK_HANDLED statuses to the SDK. GetFindings, DescribeHub and
 * ListFindingAggregators are reads and BatchUpdateFindings sets absolute values, so retrying is safe.
 */
export function sdkHttp(http: HttpClient, options: SdkHttpOptions): HttpClient {
  const request = async <T>(req: HttpRequest): Promise<HttpResponse<T>> => {
    const { retry: _retry, acceptStatus: _accept, body, ...rest } = req;
    const response = await http.request<Uint8Array>({
      ...rest,
      url: relativeTo(req.url, options.baseUrl),
      body: plainBody(body),
      operation: options.operation,
      acceptStatus: SDK_HANDLED,
    });
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
