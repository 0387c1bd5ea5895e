import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '@patchbay/types';

export interface NoPullApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
}

/**
 * The conformance suite's simulator: the receiver pulls from no vendor API, so this simulated vendor
 * serves no stream. Any request it gets (there should be none) is answered 404 and kept in `requests`.
 * The suite runs its declaration and schema checks and reports each sync scenario as not applicable.
 */
export default async function startNoPullApi(_options: { readonly pageSize: number; readonly clock: Clock }) {
  const requests: NoPullApiRequest[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    requests.push({ method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), status: 404 });
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"the webhook receiver pulls nothing"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const refuse = (what: string) => {
    throw new Error(`The webhook receiver's simulated vendor serves no stream: nothing to ${what}. Deliveries are simulated with createSender.`);
  };
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    configuration: {},
    capabilities: { faults: [], newestFirst: false, equalTimestampsAtBoundary: false },
    streams: [] as readonly string[],
    requests: requests as readonly NoPullApiRequest[],
    seed: (_stream: string) => refuse('seed'),
    records: (_stream: string): readonly unknown[] => [],
    inject: (_fault: unknown) => refuse('inject'),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
