import type { HttpMethod, RequestBody } from './prepared-request.ts';

/** One HTTP exchange on the wire, after auth. Header names are lower case. */
export interface TransportRequest {
  readonly method: HttpMethod;
  readonly url: URL;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: RequestBody | undefined;
  readonly signal: AbortSignal;
}

export interface TransportResponse {
  readonly status: number;
  readonly headers: Headers;
  /**
   * The (decompressed) body as it arrives. The client reads it up to its size limit and stops the
   * iteration there, which must release the connection.
   */
  readonly body: AsyncIterable<Uint8Array>;
}

/**
 * What actually performs a request: the default is undici with the SSRF guard at connect time;
 * record and replay (`@patchbay/sdk/testing`) plug in here.
 */
export interface Transport {
  send(request: TransportRequest): Promise<TransportResponse>;
  /**
   * `connect`: the transport checks every address it connects to (the default transport does).
   * `offline`: it never touches the network (replay). Otherwise the client resolves the host and
   * checks the addresses itself before each request.
   */
  readonly addressCheck?: 'connect' | 'offline';
  close?(): Promise<void>;
}

/** Stops reading a body that is not needed (a redirect's, an error's past the limit). */
export async function discardBody(body: AsyncIterable<Uint8Array>): Promise<void> {
  await body[Symbol.asyncIterator]().return?.();
}
