import { PatchbayError } from '@patchbay/types';
import type { HttpRequest, QueryValue } from '../http/types.ts';
import { writePath } from './path.ts';

/** Where a paging parameter goes: a query parameter, or a (dotted) field of a JSON body. */
export type ParamTarget = { readonly query: string } | { readonly body: string };

/** A copy of `request` with `value` set as a query parameter or JSON body field. */
export function withParam(request: HttpRequest, target: ParamTarget, value: string | number): HttpRequest {
  if ('query' in target) return { ...request, query: { ...request.query, [target.query]: value } };
  const body: unknown = request.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body) || body instanceof Uint8Array) {
    throw new PatchbayError('INTERNAL', {
      message: `Cannot set body field "${target.body}": the request body is not a JSON object`,
      details: { operation: request.operation ?? null },
    });
  }
  return { ...request, body: writePath(body as Record<string, unknown>, target.body, value) };
}

/** Sets several parameters in the same place (`offset` and `limit`). Null names are skipped. */
export function withParams(request: HttpRequest, place: 'query' | 'body', values: Readonly<Record<string, QueryValue>>): HttpRequest {
  let result = request;
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string' || typeof value === 'number') result = withParam(result, place === 'query' ? { query: name } : { body: name }, value);
  }
  return result;
}
