import type { ScaffoldNames } from '../scaffold-names.ts';

export function simulatorFile(n: ScaffoldNames): string {
  return `/**
 * A stateful simulator of the ${n.name} API on 127.0.0.1, for tests and the conformance suite (its
 * default export is the suite's simulator factory). Hand-written from the API as the stream reads it:
 * bearer tokens, GET /v1/me, and GET /v1/${n.stream} with from/to/sort/limit and cursor pages (410 for
 * an expired cursor).
 * Replace it with the vendor's documented behaviour, citing the documentation page of each endpoint.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '@patchbay/types';
import { create${n.typePrefix}Store } from './${n.storeFile}.ts';

export interface SimulatorOptions {
  readonly pageSize: number;
  readonly clock: Clock;
  /** The only token accepted; by default any bearer token is. */
  readonly token?: string;
}

/** The faults this simulator can produce on request. */
export type Fault =
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'server-errors'; readonly count: number }
  | { readonly kind: 'malformed-json' }
  | { readonly kind: 'empty-page' }
  | { readonly kind: 'expire-page-token' };

export interface SimulatorRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
  readonly fault?: Fault['kind'];
}

interface Cursor {
  readonly offset: number;
  /** Pages served for this listing: keeps every token distinct, even for an empty page. */
  readonly page: number;
}

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString('base64url');
const decode = (token: string): Cursor => JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Cursor;

export default async function start${n.typePrefix}Simulator(options: SimulatorOptions) {
  const store = create${n.typePrefix}Store();
  const requests: SimulatorRequest[] = [];
  const faults: { fault: Fault; after: number }[] = [];

  function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    return status;
  }

  /** The next due fault, counting this request towards those that wait. */
  function dueFault(continuation: boolean): Fault | undefined {
    const needsCursor = (kind: Fault['kind']) => kind === 'empty-page' || kind === 'expire-page-token';
    const index = faults.findIndex((f) => f.after === 0 && (continuation || !needsCursor(f.fault.kind)));
    for (const f of faults) if (f.after > 0) f.after -= 1;
    const fault = index === -1 ? undefined : faults.splice(index, 1)[0]?.fault;
    if (fault?.kind === 'server-errors' && fault.count > 1) faults.unshift({ fault: { ...fault, count: fault.count - 1 }, after: 0 });
    return fault;
  }

  function list(query: URLSearchParams, response: ServerResponse, fault: Fault | undefined): number {
    const from = Date.parse(query.get('from') ?? '');
    const to = Date.parse(query.get('to') ?? '');
    const limit = Number(query.get('limit') ?? options.pageSize);
    if (Number.isNaN(from) || Number.isNaN(to) || !Number.isInteger(limit) || limit < 1 || limit > 1000) {
      return send(response, 400, { error: 'invalid_request', message: 'from and to are ISO 8601 times; limit is 1 to 1000' });
    }
    const token = query.get('cursor');
    const cursor = token === null ? { offset: 0, page: 0 } : decode(token);
    const matched = store.list(from, to);
    if (fault?.kind === 'empty-page') return send(response, 200, { data: [], meta: { next_cursor: encode({ ...cursor, page: cursor.page + 1 }) } });
    const data = matched.slice(cursor.offset, cursor.offset + limit);
    const next = cursor.offset + limit < matched.length ? encode({ offset: cursor.offset + limit, page: cursor.page + 1 }) : null;
    return send(response, 200, { data, meta: { next_cursor: next } });
  }

  function answer(request: IncomingMessage, response: ServerResponse): { status: number; fault?: Fault['kind'] } {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const auth = /^Bearer (\\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (auth === undefined || (options.token !== undefined && auth !== options.token)) return { status: send(response, 401, { error: 'invalid_token' }) };
    const fault = dueFault(url.searchParams.has('cursor'));
    if (fault?.kind === 'rate-limit') return { status: send(response, 429, { error: 'rate_limited' }, { 'retry-after': String(fault.retryAfterSeconds) }), fault: fault.kind };
    if (fault?.kind === 'server-errors') return { status: send(response, 503, { error: 'unavailable' }), fault: fault.kind };
    if (fault?.kind === 'expire-page-token') return { status: send(response, 410, { error: 'cursor_expired' }), fault: fault.kind };
    if (fault?.kind === 'malformed-json') {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"data": [');
      return { status: 200, fault: fault.kind };
    }
    if (request.method === 'GET' && url.pathname === '/v1/me') return { status: send(response, 200, { tenant: 'simulated' }) };
    if (request.method === 'GET' && url.pathname === '/v1/${n.stream}') {
      return { status: list(url.searchParams, response, fault), ...(fault ? { fault: fault.kind } : {}) };
    }
    return { status: send(response, 404, { error: 'not_found' }) };
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator');
    const { status, fault } = answer(request, response);
    requests.push({ method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), status, ...(fault ? { fault } : {}) });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = \`http://127.0.0.1:\${(server.address() as AddressInfo).port}\`;

  return {
    baseUrl,
    configuration: { base_url: baseUrl, page_size: options.pageSize },
    capabilities: { faults: ['rate-limit', 'server-errors', 'expire-page-token', 'malformed-json', 'empty-page'] as const, newestFirst: false, equalTimestampsAtBoundary: true },
    streams: ['${n.stream}'] as const,
    requests: requests as readonly SimulatorRequest[],
    seed(_stream: string, seed: { readonly count: number; readonly equalTimestampsAtBoundary?: boolean }) {
      store.seed(seed.count, options.clock.now(), options.pageSize, seed.equalTimestampsAtBoundary ?? false);
    },
    records: (_stream: string): readonly unknown[] => [...store.${n.streamBinding}],
    mutate(_stream: string, change: { readonly create?: number; readonly update?: number; readonly delete?: number }) {
      store.mutate(change, options.clock.now());
    },
    inject(fault: Fault, timing: { readonly afterRequests?: number } = {}) {
      faults.push({ fault, after: timing.afterRequests ?? 0 });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

export type ${n.typePrefix}Simulator = Awaited<ReturnType<typeof start${n.typePrefix}Simulator>>;
`;
}
