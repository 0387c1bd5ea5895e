import { PatchbayError } from '@patchbay/types';

/** Talks to a running hub's HTTP API (PATCHBAY_URL with PATCHBAY_TOKEN). */
export interface HubClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** A request whose body and answer are text (YAML documents); problems still throw. */
  text(method: string, path: string, body?: string, contentType?: string): Promise<string>;
}

export function hubClient(baseUrl: string, token: string): HubClient {
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let res: Response;
      try {
        res = await fetch(new URL(path, baseUrl), {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (cause) {
        throw new PatchbayError('VENDOR_UNAVAILABLE', { message: `Cannot reach the hub at ${baseUrl}`, hint: 'Check PATCHBAY_URL and that the hub is running.', cause });
      }
      const text = await res.text();
      const json = text ? (JSON.parse(text) as unknown) : undefined;
      if (!res.ok) {
        const problem = (json ?? {}) as { code?: string; detail?: string; hint?: string };
        const error = new Error(`${res.status} ${problem.code ?? ''}: ${problem.detail ?? text}${problem.hint ? `\n${problem.hint}` : ''}`);
        throw Object.assign(error, { status: res.status });
      }
      return json as T;
    },

    async text(method: string, path: string, body?: string, contentType = 'application/yaml'): Promise<string> {
      let res: Response;
      try {
        res = await fetch(new URL(path, baseUrl), { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) }, body });
      } catch (cause) {
        throw new PatchbayError('VENDOR_UNAVAILABLE', { message: `Cannot reach the hub at ${baseUrl}`, hint: 'Check PATCHBAY_URL and that the hub is running.', cause });
      }
      const text = await res.text();
      if (!res.ok) {
        const problem = (() => {
          try {
            return JSON.parse(text) as { code?: string; detail?: string; hint?: string; errors?: { field: string; message: string }[] };
          } catch {
            return {};
          }
        })();
        const listed = problem.errors?.map((e) => `\n  ${e.field}: ${e.message}`).join('') ?? '';
        throw Object.assign(new Error(`${res.status} ${problem.code ?? ''}: ${problem.detail ?? text}${listed}${problem.hint ? `\n${problem.hint}` : ''}`), { status: res.status });
      }
      return text;
    },
  };
}
