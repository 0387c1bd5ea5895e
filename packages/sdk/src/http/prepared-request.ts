import { PatchbayError } from '@patchbay/types';
import type { HttpRequest, QueryValue } from './types.ts';

export type HttpMethod = NonNullable<HttpRequest['method']>;
export type RequestBody = string | Uint8Array;

/**
 * A request after URL resolution, query and body encoding: what auth appliers and transports see.
 * Header names are lower case. Auth appliers change a fresh copy on every attempt.
 */
export interface PreparedRequest {
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  body: RequestBody | undefined;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/** Absolute URLs stay as they are; a relative one is appended to the base URL's path (`/v1` + `alerts`). */
export function resolveUrl(url: string, baseUrl: URL | undefined): URL {
  if (ABSOLUTE.test(url)) return new URL(url);
  if (!baseUrl) {
    throw new PatchbayError('INTERNAL', {
      message: `The relative URL "${url.split('?')[0]}" needs a base URL, and this client has none`,
      hint: 'Configure the base URL for the instance, or call the client with an absolute URL.',
    });
  }
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  return new URL(`${baseUrl.origin}${basePath}/${url.replace(/^\/+/, '')}`);
}

export function appendQuery(url: URL, query: Readonly<Record<string, QueryValue>> | undefined): void {
  if (!query) return;
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) url.searchParams.append(name, String(item));
    else url.searchParams.append(name, String(value));
  }
}

/** Plain objects and arrays become JSON; strings, bytes and URLSearchParams go as they are. */
export function encodeBody(body: unknown, headers: Record<string, string>): RequestBody | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    return body.toString();
  }
  headers['content-type'] ??= 'application/json';
  return JSON.stringify(body);
}

export interface PrepareDefaults {
  readonly baseUrl: URL | undefined;
  readonly userAgent: string;
}

export function prepareRequest(request: HttpRequest, defaults: PrepareDefaults): PreparedRequest {
  const url = resolveUrl(request.url, defaults.baseUrl);
  appendQuery(url, request.query);
  const headers: Record<string, string> = {};
  if (request.headers) for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  headers['accept'] ??= request.responseType === 'json' || request.responseType === undefined ? 'application/json' : '*/*';
  headers['user-agent'] ??= defaults.userAgent;
  const body = encodeBody(request.body, headers);
  return { method: request.method ?? 'GET', url, headers, body };
}

/** A copy an auth applier may change without touching the original. */
export function copyRequest(request: PreparedRequest): PreparedRequest {
  return { method: request.method, url: new URL(request.url), headers: { ...request.headers }, body: request.body };
}

/** Method, host and path, never the query string (it may carry keys). */
export function describeRequest(method: string, url: URL): string {
  return `${method} ${url.host}${url.pathname}`;
}
