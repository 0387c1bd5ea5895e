import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface LocalServerTls {
  readonly cert: string;
  readonly key: string;
  /** CA that client certificates must chain to (with `requestCert`). */
  readonly ca?: string;
  /** Ask for a client certificate and refuse connections without a valid one (mTLS). */
  readonly requestCert?: boolean;
}

export interface LocalServer {
  /** `http://127.0.0.1:PORT` (https with TLS). */
  readonly url: string;
  readonly port: number;
  /** Requests seen so far, in order. */
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type LocalHandler = (request: IncomingMessage & { readonly body: string }, response: ServerResponse) => void | Promise<void>;

/**
 * A node:http server on 127.0.0.1 with a random port, for connector tests that talk to a local
 * simulator (the client needs `allowPrivateNetwork: true` to reach it, as in production). The
 * request body is read before the handler runs.
 */
export async function startLocalServer(handler: LocalHandler, options: { readonly tls?: LocalServerTls } = {}): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  const listener: RequestListener = (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body });
      Promise.resolve()
        .then(() => handler(Object.assign(request, { body }), response))
        .catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      });
    });
  };
  const tls = options.tls;
  const server: Server = tls
    ? createHttpsServer({ cert: tls.cert, key: tls.key, ...(tls.ca ? { ca: tls.ca } : {}), requestCert: tls.requestCert ?? false, rejectUnauthorized: tls.requestCert ?? false }, listener)
    : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
