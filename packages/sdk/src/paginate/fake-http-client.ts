/**
 * Test double of the pinned `HttpClient` for the paginate and incremental unit tests: answers from a
 * handler function and records every request. Not exported from the package; real-server tests live in
 * the conformance suite.
 */
import type { HttpClient, HttpRequest, HttpResponse } from '../http/types.ts';

export interface FakeReply {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>> | readonly (readonly [string, string])[];
  readonly body?: unknown;
}

export const FAKE_BASE_URL = 'https://api.vendor.test';

/** The absolute URL a request would go to, query included (as a real client would report it). */
export function fakeUrl(request: HttpRequest): string {
  const url = new URL(request.url, FAKE_BASE_URL);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url.href;
}

export class FakeHttpClient implements HttpClient {
  readonly requests: HttpRequest[] = [];
  readonly #handler: (request: HttpRequest, url: URL) => FakeReply;

  constructor(handler: (request: HttpRequest, url: URL) => FakeReply) {
    this.#handler = handler;
  }

  /** The absolute URLs requested so far. */
  get urls(): string[] {
    return this.requests.map(fakeUrl);
  }

  async request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    this.requests.push(request);
    request.signal?.throwIfAborted();
    const url = fakeUrl(request);
    const reply = this.#handler(request, new URL(url));
    const headers = new Headers(reply.headers as ConstructorParameters<typeof Headers>[0]);
    return { status: reply.status ?? 200, headers, url, body: reply.body as T, bytes: 0, durationMs: 0 };
  }

  get<T = unknown>(url: string, options: Omit<HttpRequest, 'url' | 'method'> = {}): Promise<HttpResponse<T>> {
    return this.request<T>({ ...options, url, method: 'GET' });
  }

  post<T = unknown>(url: string, body?: unknown, options: Omit<HttpRequest, 'url' | 'method' | 'body'> = {}): Promise<HttpResponse<T>> {
    return this.request<T>({ ...options, url, method: 'POST', body });
  }
}

/** Collects every page of an async iterable (tests). */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const pages: T[] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}
