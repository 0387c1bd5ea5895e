import { Readable } from 'node:stream';
import { HttpResponse, buildQueryString, type HttpHandler, type HttpHandlerOptions, type HttpRequest } from '@smithy/core/protocols';
import type { HttpClient, HttpRequest as PatchbayRequest } from './types.ts';

/** Every status goes back to the AWS SDK, which parses errors and retries with its own strategy. */
const ALL_STATUSES: readonly number[] = Array.from({ length: 500 }, (_, i) => i + 100);

/** Headers the transport sets itself. */
const DROPPED = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'expect']);

type AbortLike = NonNullable<HttpHandlerOptions['abortSignal']>;

function toAbortSignal(signal: AbortLike | undefined): AbortSignal | undefined {
  if (signal === undefined || signal instanceof AbortSignal) return signal;
  const controller = new AbortController();
  if (signal.aborted) controller.abort();
  else signal.onabort = () => controller.abort();
  return controller.signal;
}

async function bodyOf(body: unknown): Promise<string | Uint8Array | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof Readable || (typeof body === 'object' && Symbol.asyncIterator in body)) {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  throw new TypeError('Unsupported AWS SDK request body');
}

/** `GetCallerIdentity` from `X-Amz-Target: Service.GetCallerIdentity` or a query-protocol `Action=`. */
function operationOf(request: HttpRequest, body: string | Uint8Array | undefined): string | undefined {
  const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'];
  if (target) return target.split('.').pop();
  if (typeof body === 'string') return /(?:^|&)Action=([^&]+)/.exec(body)?.[1];
  return undefined;
}

/**
 * A smithy request handler for AWS SDK v3 clients that sends through `ctx.http`, so the SSRF guard,
 * rate limit, breaker, timeouts, logging and record/replay apply to SDK calls too. The instance's
 * credentials stay with the engine: build the SDK client with placeholder credentials and give
 * `ctx.http` an `awsSigV4` applier, which replaces the SDK's signature with the real one.
 *
 *     new SecurityHubClient({ region, credentials: AWS_PLACEHOLDER_CREDENTIALS,
 *       requestHandler: new PatchbayAwsRequestHandler(ctx.http) })
 */
export class PatchbayAwsRequestHandler implements HttpHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const query = buildQueryString(request.query ?? {});
    const port = request.port ? `:${request.port}` : '';
    const url = `${request.protocol}//${request.hostname}${port}${request.path}${query ? `?${query}` : ''}`;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) if (!DROPPED.has(name.toLowerCase())) headers[name] = value;
    const body = await bodyOf(request.body);
    const signal = toAbortSignal(options.abortSignal);
    const operation = operationOf(request, body);
    const sent: PatchbayRequest = {
      method: request.method.toUpperCase() as NonNullable<PatchbayRequest['method']>,
      url,
      headers,
      body,
      responseType: 'bytes',
      retry: false,
      acceptStatus: ALL_STATUSES,
      ...(signal ? { signal } : {}),
      ...(operation ? { operation } : {}),
      ...(options.requestTimeout ? { timeoutMs: options.requestTimeout } : {}),
    };
    const response = await this.#http.request<Uint8Array>(sent);
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value;
    });
    return {
      response: new HttpResponse({ statusCode: response.status, headers: responseHeaders, body: Readable.from([Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength)]) }),
    };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}

/** Credentials for the AWS SDK client's own signer; `awsSigV4` on `ctx.http` signs for real. */
export const AWS_PLACEHOLDER_CREDENTIALS = { accessKeyId: 'patchbay-placeholder', secretAccessKey: 'patchbay-placeholder' } as const;
