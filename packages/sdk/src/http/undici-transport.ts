import { pipeline, type Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent } from 'undici';
import type { ClientTls } from './auth/auth-applier.ts';
import type { SsrfGuard } from './ssrf-guard.ts';
import type { Transport, TransportResponse } from './transport.ts';

export interface UndiciTransportOptions {
  readonly guard: SsrfGuard;
  /** Client certificate for mutual TLS. */
  readonly tls?: ClientTls;
  /** Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open (default 10 s). */
  readonly keepAliveTimeoutMs?: number;
}

type RawHeaders = Record<string, string | string[] | undefined>;

function decoderFor(encoding: string | undefined) {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}

function toHeaders(raw: RawHeaders, decoded: boolean): Headers {
  const headers = new Headers();
  for (const name in raw) {
    const value = raw[name];
    if (value === undefined) continue;
    if (decoded && (name === 'content-encoding' || name === 'content-length')) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.append(name, value);
  }
  return headers;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The default transport: one undici connection pool per client (per installation), whose every new
 * connection resolves through the SSRF guard, with the client certificate when there is one.
 * Redirects are not followed here (the client follows them, checking every hop).
 */
export function undiciTransport(options: UndiciTransportOptions): Transport {
  const tls = options.tls;
  const agent = new Agent({
    connect: {
      lookup: options.guard.lookup,
      timeout: options.connectTimeoutMs ?? 10_000,
      ...(tls
        ? {
            cert: tls.cert.reveal(),
            key: tls.key.reveal(),
            ...(tls.ca ? { ca: tls.ca.reveal() } : {}),
            ...(tls.passphrase ? { passphrase: tls.passphrase.reveal() } : {}),
          }
        : {}),
    },
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
  });
  return {
    addressCheck: 'connect',
    async send(request): Promise<TransportResponse> {
      const headers = 'accept-encoding' in request.headers ? request.headers : { ...request.headers, 'accept-encoding': 'gzip, deflate, br' };
      const response = await agent.request({
        origin: request.url.origin,
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method,
        headers,
        body: request.body ?? null,
        signal: request.signal,
      });
      const raw = response.headers as RawHeaders;
      const decoder = decoderFor(firstValue(raw['content-encoding']));
      let body: Readable = response.body;
      if (decoder) body = pipeline(response.body, decoder, () => {});
      return { status: response.statusCode, headers: toHeaders(raw, decoder !== undefined), body };
    },
    close: () => agent.close(),
  };
}
