import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a relay saw come back for one request. */
export interface RelayedExchange {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Relay {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Where requests go now (`http://127.0.0.1:PORT`); undefined answers 503. */
  target: string | undefined;
  close(): Promise<void>;
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * A loopback HTTP forwarder whose target can change between uses: one Prism per spec stays up for the
 * whole test run while each scenario brings its own simulator. `onExchange` sees each answer.
 */
export async function startRelay(onExchange?: (exchange: RelayedExchange) => void): Promise<Relay> {
  const relay: { target: string | undefined } = { target: undefined };
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      const body = await readAll(incoming);
      if (relay.target === undefined) {
        outgoing.writeHead(503, { 'content-type': 'text/plain' }).end('relay has no target');
        return;
      }
      const target = new URL(incoming.url ?? '/', relay.target);
      const headers = { ...incoming.headers, host: target.host };
      const forwarded = httpRequest(target, { method: incoming.method, headers }, (answer) => {
        void readAll(answer).then((bytes) => {
          const status = answer.statusCode ?? 502;
          onExchange?.({ method: incoming.method ?? 'GET', path: incoming.url ?? '/', status, headers: answer.headers, body: bytes.toString('utf8') });
          // The length of what is relayed, not what the upstream claimed: Prism labels a 204 it forwards
          // with `content-length: 2` (an empty JSON string) although no body may follow a 204.
          const { 'content-length': _length, 'transfer-encoding': _encoding, ...headers } = answer.headers;
          outgoing.writeHead(status, status === 204 || status === 304 ? headers : { ...headers, 'content-length': String(bytes.length) }).end(bytes);
        });
      });
      forwarded.on('error', (error) => {
        if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'text/plain' });
        outgoing.end(`relay could not reach ${target.host}: ${error.message}`);
      });
      forwarded.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get target() {
      return relay.target;
    },
    set target(value) {
      relay.target = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
